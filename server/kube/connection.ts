// A connection to one cluster: credentials resolved once by @kubernetes/client-node (token,
// client certificate, CA, and exec plugins only if the kubeconfig was validated with allowExec),
// requests made with node:https so every call has its own timeout and abort signal.
import https from "node:https";
import http from "node:http";
import { KubeConfig } from "@kubernetes/client-node";
import { KubeApiError, KubeTransportError } from "./errors";
import { OWNED_KINDS, type KindInfo, qualifiedResource } from "./kinds";
import type { ValidatedKubeconfig } from "./kubeconfig";
import { mapLimit } from "./retry";

export interface KubeRequest {
  method: "GET" | "POST" | "PUT" | "PATCH" | "DELETE";
  path: string;
  query?: Record<string, string | undefined>;
  body?: unknown;
  contentType?: string;
  /** Default application/json; services/proxy callers may want text (e.g. /metrics). */
  accept?: string;
  timeoutMs?: number;
  signal?: AbortSignal;
}

export interface KubeConnection {
  /** Server URL, for display. */
  readonly server: string;
  /** JSON request (non-JSON answers come back as text); non-2xx answers throw KubeApiError, no answer throws KubeTransportError. */
  request<T = unknown>(req: KubeRequest): Promise<{ status: number; body: T }>;
  close(): void;
}

export interface ConnectOptions {
  /** Default per-request timeout (ms). */
  timeoutMs?: number;
  /** Sockets kept open to the API server. */
  maxSockets?: number;
}

/** In-cluster: the pod's service account (KUBERNETES_SERVICE_HOST/PORT, token and CA files). */
export interface InCluster {
  inCluster: true;
  /** Prefix for the service-account files (tests); default "" = /var/run/secrets/kubernetes.io/serviceaccount. */
  pathPrefix?: string;
}

/**
 * Credentials are resolved once here (tokens, exec plugins), so connect per operation rather than
 * keeping a connection for hours: service-account tokens rotate.
 */
export async function connect(
  source: ValidatedKubeconfig | InCluster,
  opts: ConnectOptions = {},
): Promise<KubeConnection> {
  const kc = new KubeConfig();
  if ("inCluster" in source) kc.loadFromCluster(source.pathPrefix);
  else kc.loadFromString(source.yaml);
  const cluster = kc.getCurrentCluster();
  if (!cluster) throw new Error("kubeconfig has no current cluster");
  const tls: https.RequestOptions = {};
  await kc.applyToHTTPSOptions(tls);
  const server = new URL(cluster.server);
  const isHttps = server.protocol === "https:";
  const agent = isHttps
    ? new https.Agent({
        keepAlive: true,
        maxSockets: opts.maxSockets ?? 16,
        ca: tls.ca,
        cert: tls.cert,
        key: tls.key,
        rejectUnauthorized: tls.rejectUnauthorized,
        servername: tls.servername,
      })
    : new http.Agent({ keepAlive: true, maxSockets: opts.maxSockets ?? 16 });
  const baseHeaders = (tls.headers ?? {}) as Record<string, string>;
  const basePath = server.pathname.replace(/\/$/, "");
  const defaultTimeout = opts.timeoutMs ?? 30_000;

  const request = <T>(req: KubeRequest): Promise<{ status: number; body: T }> =>
    new Promise((resolve, reject) => {
      const qs = new URLSearchParams();
      for (const [k, v] of Object.entries(req.query ?? {})) if (v !== undefined) qs.set(k, v);
      const path = basePath + req.path + (qs.size ? `?${qs}` : "");
      const payload =
        req.body === undefined ? undefined : typeof req.body === "string" ? req.body : JSON.stringify(req.body);
      const transport = (code: string, message: string) => new KubeTransportError(message, code, req.method, req.path);
      if (req.signal?.aborted) return reject(transport("ABORTED", "request aborted"));
      const r = (isHttps ? https : http).request(
        {
          protocol: server.protocol,
          hostname: server.hostname,
          port: server.port,
          path,
          method: req.method,
          agent,
          auth: tls.auth,
          headers: {
            ...baseHeaders,
            accept: req.accept ?? "application/json",
            "user-agent": "topology-studio",
            ...(payload !== undefined
              ? { "content-type": req.contentType ?? "application/json", "content-length": Buffer.byteLength(payload) }
              : {}),
          },
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on("data", (c: Buffer) => chunks.push(c));
          res.on("error", (e) => reject(transport("ECONNRESET", e.message)));
          res.on("end", () => {
            clearTimeout(timer);
            const text = Buffer.concat(chunks).toString("utf8");
            let body: unknown = text;
            try {
              body = text ? JSON.parse(text) : undefined;
            } catch {
              // keep text
            }
            const status = res.statusCode ?? 0;
            if (status >= 200 && status < 300) return resolve({ status, body: body as T });
            const st = (typeof body === "object" && body ? body : {}) as { reason?: string; message?: string };
            const retryAfter = Number(res.headers["retry-after"]);
            reject(
              new KubeApiError(
                status,
                st.reason ?? http.STATUS_CODES[status] ?? "Error",
                st.message ?? `HTTP ${status}`,
                req.method,
                req.path,
                Number.isFinite(retryAfter) && retryAfter > 0 ? retryAfter * 1000 : undefined,
              ),
            );
          });
        },
      );
      const timeoutMs = req.timeoutMs ?? defaultTimeout;
      const timer = setTimeout(() => r.destroy(transport("ETIMEDOUT", `no answer within ${timeoutMs} ms`)), timeoutMs);
      const onAbort = () => r.destroy(transport("ABORTED", "request aborted"));
      req.signal?.addEventListener("abort", onAbort, { once: true });
      r.on("error", (e: Error & { code?: string }) => {
        clearTimeout(timer);
        req.signal?.removeEventListener("abort", onAbort);
        reject(e instanceof KubeTransportError ? e : transport(e.code ?? "ECONNERROR", e.message));
      });
      r.on("close", () => req.signal?.removeEventListener("abort", onAbort));
      r.end(payload);
    });

  return { server: server.origin + basePath, request, close: () => agent.destroy() };
}

export interface Permission {
  verb: string;
  group: string;
  resource: string;
  /** "" = cluster scope. */
  namespace: string;
  allowed: boolean;
}

export interface ConnectionCheck {
  serverVersion: string;
  permissions: Permission[];
  missing: Permission[];
}

/** Verbs a deploy uses on each kind: plan (get, list), apply (create via apply, patch), prune (delete). */
export const DEPLOY_VERBS = ["get", "list", "create", "patch", "delete"] as const;

export function describePermission(p: Pick<Permission, "verb" | "group" | "resource" | "namespace">): string {
  return `${p.verb} ${qualifiedResource(p)}${p.namespace ? ` in namespace "${p.namespace}"` : " (cluster-wide)"}`;
}

/** Ask the API server whether these credentials may do one thing (SelfSubjectAccessReview). */
export async function canI(
  conn: KubeConnection,
  verb: string,
  info: Pick<KindInfo, "group" | "resource">,
  namespace: string,
  signal?: AbortSignal,
): Promise<boolean> {
  const r = await conn.request<{ status?: { allowed?: boolean } }>({
    method: "POST",
    path: "/apis/authorization.k8s.io/v1/selfsubjectaccessreviews",
    body: {
      apiVersion: "authorization.k8s.io/v1",
      kind: "SelfSubjectAccessReview",
      spec: {
        resourceAttributes: { verb, group: info.group, resource: info.resource, ...(namespace ? { namespace } : {}) },
      },
    },
    signal,
  });
  return r.body.status?.allowed === true;
}

/** Server version plus every permission a deploy into `namespaces` needs, with the missing ones listed. */
export async function checkConnection(
  conn: KubeConnection,
  namespaces: string[],
  opts: { kinds?: readonly KindInfo[]; signal?: AbortSignal; concurrency?: number } = {},
): Promise<ConnectionCheck> {
  const version = await conn.request<{ gitVersion?: string }>({ method: "GET", path: "/version", signal: opts.signal });
  const questions: Omit<Permission, "allowed">[] = [];
  for (const info of opts.kinds ?? OWNED_KINDS) {
    const scopes = info.namespaced ? [...new Set(namespaces)] : [""];
    for (const namespace of scopes)
      for (const verb of DEPLOY_VERBS) questions.push({ verb, group: info.group, resource: info.resource, namespace });
  }
  const permissions = await mapLimit(questions, opts.concurrency ?? 8, async (q) => ({
    ...q,
    allowed: await canI(conn, q.verb, q, q.namespace, opts.signal),
  }));
  return {
    serverVersion: version.body.gitVersion ?? "unknown",
    permissions,
    missing: permissions.filter((p) => !p.allowed),
  };
}
