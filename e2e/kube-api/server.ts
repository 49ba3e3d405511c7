// Kubernetes API test server.
//
// No real Kubernetes API server can be had on these machines (no kube-apiserver, kind, k3s, envtest
// or Docker), so this is an in-memory, single-process stand-in that speaks enough of the real
// protocol for the real `kubectl` and @kubernetes/client-node: HTTPS with its own CA, bearer tokens,
// discovery, OpenAPI v3 for field validation, CRUD + server-side apply with managedFields, watch,
// Table output, SelfSubjectAccessReview, a workload controller, the services/proxy subresource and
// fault injection. See README.md for what is and is not modelled.
import https from "node:https";
import http from "node:http";
import { writeFileSync } from "node:fs";
import { randomBytes } from "node:crypto";
import type { AddressInfo, Socket } from "node:net";
import YAML from "yaml";
import { testPki } from "./certs";
import { Controller } from "./controller";
import { Faults } from "./faults";
import {
  type Obj,
  ApplyConflictError,
  clone,
  isPlainObject,
  mergePatch,
  recordUpdate,
  serverSideApply,
  strategicMergePatch,
  fieldString,
} from "./fields";
import { decodeSelfSubjectAccessReview } from "./proto";
import { openApiV3Index, openApiV3Document } from "./openapi";
import { type ResourceType, RESOURCES, apiGroups, findByPlural, groupVersion } from "./resources";
import { SelectorError, matchesLabels, parseFieldSelector, parseLabelSelector } from "./selectors";
import {
  ApiError,
  alreadyExists,
  badRequest,
  conflict,
  forbidden,
  internalError,
  invalid,
  notFound,
  unauthorized,
} from "./status";
import { Store, applyGeneration, labelsOf, meta } from "./store";
import { toTable } from "./table";

export type SandboxUser = "admin" | "readonly";

export interface KubeApiOptions {
  /** 0 (default) picks a free port. */
  port?: number;
  host?: string;
  /** Latency added to every request, in ms. */
  latencyMs?: number;
  /** Pod creation → Ready delay for the controller (default 300 ms; Infinity = never ready). */
  readyDelayMs?: number;
}

export interface RequestLogEntry {
  method: string;
  path: string;
  user?: string;
  status: number;
}

export interface KubeApiServer {
  url: string;
  port: number;
  caPem: string;
  tokens: Record<SandboxUser, string>;
  /** A kubeconfig (YAML) for one of the two users, with certificate-authority-data embedded. */
  kubeconfig(user?: SandboxUser, opts?: { namespace?: string; contextName?: string }): string;
  writeKubeconfig(path: string, user?: SandboxUser): void;
  faults: Faults;
  store: Store;
  controller: Controller;
  /** Every request answered, newest last (bounded): tests assert order and retries from it. */
  requests: RequestLogEntry[];
  registerServiceBackend(namespace: string, service: string, port: string | number, url: string): void;
  unregisterServiceBackend(namespace: string, service: string, port: string | number): void;
  stop(): Promise<void>;
}

const VERSION = {
  major: "1",
  minor: "32",
  gitVersion: "v1.32.0-topology-sandbox",
  gitCommit: "0000000000000000000000000000000000000000",
  gitTreeState: "clean",
  buildDate: "2026-01-01T00:00:00Z",
  goVersion: "go1.23.0",
  compiler: "gc",
  platform: "linux/amd64",
};

const PROTOBUF = "application/vnd.kubernetes.protobuf";
const READ_VERBS = new Set(["get", "list", "watch"]);
const DNS1123_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const DNS1123_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;

function allowed(user: SandboxUser, verb: string): boolean {
  return user === "admin" || READ_VERBS.has(verb);
}

function validateName(rt: ResourceType, name: unknown): void {
  if (typeof name !== "string" || name === "")
    throw invalid(rt, "", [{ field: "metadata.name", message: "name or generateName is required", value: name }]);
  if (rt.group === "rbac.authorization.k8s.io") {
    // RBAC names are path segments only (system:... is legal).
    if (/[/%]/.test(name) || name === "." || name === "..")
      throw invalid(rt, name, [{ field: "metadata.name", message: "may not contain '/' or '%'", value: name }]);
    return;
  }
  const label = rt.kind === "Namespace" || rt.kind === "Service";
  const ok = label ? DNS1123_LABEL.test(name) && name.length <= 63 : DNS1123_SUBDOMAIN.test(name) && name.length <= 253;
  if (!ok)
    throw invalid(rt, name, [
      {
        field: "metadata.name",
        value: name,
        message: label
          ? "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')"
          : "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')",
      },
    ]);
}

export async function startKubeApi(opts: KubeApiOptions = {}): Promise<KubeApiServer> {
  const pki = testPki();
  const store = new Store();
  const controller = new Controller(store, { readyDelayMs: opts.readyDelayMs ?? 300, caPem: pki.caPem });
  const faults = new Faults(opts.latencyMs ?? 0);
  const tokens: Record<SandboxUser, string> = {
    admin: `admin-${randomBytes(16).toString("hex")}`,
    readonly: `readonly-${randomBytes(16).toString("hex")}`,
  };
  const backends = new Map<string, string>();
  const backendKey = (ns: string, svc: string, port: string | number) => `${ns}/${svc}:${port}`;
  const requests: RequestLogEntry[] = [];
  const hanging = new Set<http.ServerResponse>();
  const sockets = new Set<Socket>();
  let clusterIp = 10;

  const send = (res: http.ServerResponse, code: number, body: unknown, log: RequestLogEntry) => {
    log.status = code;
    if (res.destroyed) return;
    res.writeHead(code, { "Content-Type": "application/json", "Cache-Control": "no-cache, private" });
    res.end(JSON.stringify(body));
  };

  function userFor(req: http.IncomingMessage): SandboxUser | undefined {
    const m = /^Bearer\s+(.+)$/i.exec(req.headers.authorization ?? "");
    if (!m) return undefined;
    return (Object.keys(tokens) as SandboxUser[]).find((u) => tokens[u] === m[1]!.trim());
  }

  function defaults(rt: ResourceType, o: Obj, live: Obj | undefined): void {
    if (rt.kind === "Service") {
      const spec = (o.spec ??= {}) as Obj;
      spec.type ??= "ClusterIP";
      spec.sessionAffinity ??= "None";
      const liveIp = (live?.spec as Obj | undefined)?.clusterIP;
      if (spec.clusterIP === undefined) spec.clusterIP = liveIp ?? `10.96.0.${(clusterIp = (clusterIp % 250) + 1)}`;
      if (spec.clusterIP !== "None") spec.clusterIPs = [spec.clusterIP];
      for (const p of (spec.ports as Obj[] | undefined) ?? []) {
        p.protocol ??= "TCP";
        p.targetPort ??= p.port;
      }
    }
    if (rt.kind === "StatefulSet" || rt.kind === "Deployment") {
      const spec = (o.spec ??= {}) as Obj;
      spec.replicas ??= 1;
      spec.revisionHistoryLimit ??= 10;
      if (rt.kind === "StatefulSet") {
        spec.updateStrategy ??= { type: "RollingUpdate", rollingUpdate: { partition: 0 } };
        spec.podManagementPolicy ??= "OrderedReady";
      } else {
        spec.strategy ??= { type: "RollingUpdate", rollingUpdate: { maxSurge: "25%", maxUnavailable: "25%" } };
        spec.progressDeadlineSeconds ??= 600;
      }
    }
    if (rt.kind === "Secret") {
      o.type ??= "Opaque";
      if (isPlainObject(o.stringData)) {
        const data = (o.data ??= {}) as Obj;
        for (const [k, v] of Object.entries(o.stringData)) data[k] = Buffer.from(String(v)).toString("base64");
        delete o.stringData;
      }
    }
  }

  function requireNamespace(rt: ResourceType, ns: string | undefined): void {
    if (!rt.namespaced) return;
    const NS = RESOURCES.find((r) => r.kind === "Namespace")!;
    if (!ns || !store.get(NS, undefined, ns)) throw notFound(NS, ns ?? "");
  }

  function checkBody(rt: ResourceType, body: unknown, ns: string | undefined, name?: string): Obj {
    if (!isPlainObject(body)) throw badRequest("the body of the request was in an unknown format");
    if (body.apiVersion !== undefined && body.apiVersion !== groupVersion(rt))
      throw badRequest(
        `the API version in the data (${String(body.apiVersion)}) does not match the expected API version (${groupVersion(rt)})`,
      );
    if (body.kind !== undefined && body.kind !== rt.kind)
      throw badRequest(`the kind in the data (${String(body.kind)}) does not match the expected kind (${rt.kind})`);
    const m = (body.metadata ??= {}) as Obj;
    if (name !== undefined && m.name !== undefined && m.name !== name)
      throw badRequest(`the name of the object (${String(m.name)}) does not match the name on the URL (${name})`);
    if (rt.namespaced && m.namespace !== undefined && m.namespace !== ns)
      throw badRequest("the namespace of the provided object does not match the namespace sent on the request");
    if (name !== undefined) m.name = name;
    if (rt.namespaced) m.namespace = ns;
    else delete m.namespace;
    return body;
  }

  function parseBody(raw: Buffer, contentType: string): unknown {
    const text = raw.toString("utf8");
    if (!text.trim()) throw badRequest("the body of the request was empty");
    try {
      return contentType.includes("yaml") ? YAML.parse(text) : JSON.parse(text);
    } catch (e) {
      throw badRequest(`error decoding ${contentType.includes("yaml") ? "YAML" : "JSON"}: ${(e as Error).message}`);
    }
  }

  const nowTs = () => new Date().toISOString().replace(/\.\d+Z$/, "Z");

  function managerFrom(q: URLSearchParams, req: http.IncomingMessage): string {
    return q.get("fieldManager") || (req.headers["user-agent"] ?? "unknown").split("/")[0]!;
  }

  function dryRunOf(q: URLSearchParams): boolean {
    const d = q.getAll("dryRun");
    if (d.some((v) => v !== "All")) throw badRequest(`Invalid dryRun value: ${d.join(",")}; valid values: All`);
    return d.length > 0;
  }

  /** A would-be object for dryRun create: identity filled in, nothing stored. */
  function dryCreated(rt: ResourceType, o: Obj): Obj {
    const m = meta(o);
    m.uid = crypto.randomUUID();
    m.creationTimestamp = nowTs();
    if (rt.generation) m.generation = 1;
    return o;
  }

  function writeUpdate(rt: ResourceType, live: Obj, next: Obj, manager: string, dry: boolean, sub?: string): Obj {
    if (rt.hasStatus && sub !== "status") next.status = live.status;
    if (sub === "status") {
      const s = next.status;
      next = { ...clone(live), status: s };
    }
    defaults(rt, next, live);
    (next.metadata as Obj).managedFields = recordUpdate(live, next, manager, {
      apiVersion: groupVersion(rt),
      now: nowTs(),
      skipStatus: !!rt.hasStatus && sub !== "status",
      subresource: sub,
    });
    if (dry) {
      applyGeneration(rt, live, next);
      return next;
    }
    return store.update(rt, next);
  }

  function handleApply(
    rt: ResourceType,
    ns: string | undefined,
    name: string,
    raw: Buffer,
    q: URLSearchParams,
  ): [number, Obj] {
    const fm = q.get("fieldManager");
    if (!fm) throw badRequest("PATCH /apply requests require fieldManager to be set in the query parameters");
    const dry = dryRunOf(q);
    const config = checkBody(rt, parseBody(raw, "yaml"), ns, name);
    const live = store.get(rt, ns, name);
    if (!live) {
      requireNamespace(rt, ns);
      validateName(rt, name);
    }
    // Like the real API server: a resourceVersion in an apply configuration is an optimistic-lock precondition.
    const rv = (config.metadata as Obj | undefined)?.resourceVersion;
    if (live && rv !== undefined && rv !== "" && rv !== meta(live).resourceVersion)
      throw conflict(
        rt,
        name,
        "the object has been modified; please apply your changes to the latest version and try again",
      );
    let merged: Obj;
    try {
      merged = serverSideApply(live, config, fm, {
        force: q.get("force") === "true",
        apiVersion: groupVersion(rt),
        now: nowTs(),
        skipStatus: !!rt.hasStatus,
      });
    } catch (e) {
      if (e instanceof ApplyConflictError)
        throw conflict(
          rt,
          name,
          e.message,
          e.conflicts.map((c) => ({
            type: "FieldManagerConflict",
            message: `conflict with "${c.manager}" using ${c.apiVersion}`,
            field: fieldString(c.field),
          })),
        );
      throw e;
    }
    const m = merged.metadata as Obj;
    m.name = name;
    if (rt.namespaced) m.namespace = ns;
    if (rt.hasStatus && live) merged.status = live.status;
    else if (rt.hasStatus) delete merged.status;
    defaults(rt, merged, live);
    if (dry) {
      if (live) applyGeneration(rt, live, merged);
      return [live ? 200 : 201, live ? merged : dryCreated(rt, merged)];
    }
    return live ? [200, store.update(rt, merged)] : [201, store.create(rt, merged)];
  }

  function listObjects(rt: ResourceType, ns: string | undefined, q: URLSearchParams): Obj[] {
    let reqs, fieldFn;
    try {
      reqs = parseLabelSelector(q.get("labelSelector"));
      fieldFn = parseFieldSelector(q.get("fieldSelector"));
    } catch (e) {
      if (e instanceof SelectorError) throw badRequest(e.message);
      throw e;
    }
    return store
      .list(rt, ns)
      .filter((o) => matchesLabels(reqs, labelsOf(o)) && fieldFn(o as { metadata?: { name?: string } }));
  }

  function wantsTable(req: http.IncomingMessage): boolean {
    return /as=Table/.test(req.headers.accept ?? "");
  }

  function startWatch(
    req: http.IncomingMessage,
    res: http.ServerResponse,
    rt: ResourceType,
    ns: string | undefined,
    q: URLSearchParams,
    log: RequestLogEntry,
  ) {
    const reqs = parseLabelSelector(q.get("labelSelector"));
    const fieldFn = parseFieldSelector(q.get("fieldSelector"));
    const table = wantsTable(req);
    const includeObject = q.get("includeObject") ?? "Metadata";
    const sinceRv = Number(q.get("resourceVersion") || 0);
    log.status = 200;
    res.writeHead(200, { "Content-Type": "application/json", "Transfer-Encoding": "chunked" });
    // client-go waits for the response headers before it considers the watch open.
    res.flushHeaders();
    const emit = (type: string, o: Obj) =>
      res.write(
        JSON.stringify({ type, object: table ? toTable(rt, [o], meta(o).resourceVersion ?? "", includeObject) : o }) +
          "\n",
      );
    const matches = (o: Obj) =>
      (!ns || meta(o).namespace === ns) &&
      matchesLabels(reqs, labelsOf(o)) &&
      fieldFn(o as { metadata?: { name?: string } });
    if (!sinceRv) for (const o of store.list(rt, ns).filter(matches)) emit("ADDED", o);
    const onChange = (e: { type: string; rt: ResourceType; object: Obj }) => {
      if (e.rt !== rt || !matches(e.object)) return;
      if (Number(meta(e.object).resourceVersion) <= sinceRv) return;
      emit(e.type, e.object);
    };
    store.events.on("change", onChange);
    const timeout = Number(q.get("timeoutSeconds") || 0);
    const t = timeout > 0 ? setTimeout(() => res.end(), timeout * 1000) : undefined;
    const done = () => {
      store.events.off("change", onChange);
      if (t) clearTimeout(t);
      hanging.delete(res);
    };
    hanging.add(res);
    res.on("close", done);
  }

  async function proxy(
    req: http.IncomingMessage,
    res: http.ServerResponse,
    ns: string,
    svcPort: string,
    rest: string[],
    search: string,
    raw: Buffer,
    log: RequestLogEntry,
  ) {
    const [svcRaw, port = ""] = svcPort
      .split(":")
      .filter((p) => p !== "http" && p !== "https")
      .concat([]) as [string, string?];
    const svc = svcRaw!;
    const SVC = RESOURCES.find((r) => r.kind === "Service")!;
    const target = backends.get(backendKey(ns, svc, port)) ?? backends.get(backendKey(ns, svc, ""));
    if (!target) {
      if (!store.get(SVC, ns, svc)) throw notFound(SVC, svc);
      throw new ApiError(503, "ServiceUnavailable", `no endpoints available for service "${svc}"`);
    }
    const url = new URL(target.replace(/\/$/, "") + "/" + rest.join("/") + search);
    await new Promise<void>((resolve) => {
      const out = http.request(
        url,
        {
          method: req.method,
          headers: {
            ...(req.headers["content-type"] ? { "content-type": req.headers["content-type"] } : {}),
            accept: req.headers.accept ?? "*/*",
          },
        },
        (up) => {
          log.status = up.statusCode ?? 502;
          res.writeHead(up.statusCode ?? 502, {
            "Content-Type": up.headers["content-type"] ?? "application/octet-stream",
          });
          up.pipe(res);
          up.on("end", resolve);
        },
      );
      out.on("error", (e) => {
        send(
          res,
          503,
          new ApiError(503, "ServiceUnavailable", `error trying to reach service: ${e.message}`).toStatus(),
          log,
        );
        resolve();
      });
      out.end(raw.length ? raw : undefined);
    });
  }

  function scaleOf(rt: ResourceType, o: Obj): Obj {
    const m = meta(o);
    const sel =
      ((o.spec as Obj | undefined)?.selector as { matchLabels?: Record<string, string> } | undefined)?.matchLabels ??
      {};
    return {
      kind: "Scale",
      apiVersion: "autoscaling/v1",
      metadata: {
        name: m.name,
        namespace: m.namespace,
        uid: m.uid,
        resourceVersion: m.resourceVersion,
        creationTimestamp: m.creationTimestamp,
      },
      spec: { replicas: (o.spec as Obj | undefined)?.replicas ?? 1 },
      status: {
        replicas: (o.status as Obj | undefined)?.replicas ?? 0,
        selector: Object.entries(sel)
          .map(([k, v]) => `${k}=${v}`)
          .join(","),
      },
    };
  }

  async function route(
    req: http.IncomingMessage,
    res: http.ServerResponse,
    raw: Buffer,
    log: RequestLogEntry,
  ): Promise<void> {
    const url = new URL(req.url ?? "/", "https://sandbox");
    const q = url.searchParams;
    const method = (req.method ?? "GET").toUpperCase();
    const path = url.pathname.replace(/\/+$/, "") || "/";

    // Control API for scripts (not part of Kubernetes; loopback only, no auth).
    if (path === "/_sandbox/backends") {
      const b = (raw.length ? JSON.parse(raw.toString()) : {}) as {
        namespace: string;
        service: string;
        port?: string | number;
        url?: string;
      };
      if (method === "POST" && b.url) backends.set(backendKey(b.namespace, b.service, b.port ?? ""), b.url);
      else if (method === "DELETE") backends.delete(backendKey(b.namespace, b.service, b.port ?? ""));
      else throw badRequest("POST {namespace, service, port, url} or DELETE {namespace, service, port}");
      return send(res, 200, { backends: Object.fromEntries(backends) }, log);
    }
    if (path === "/_sandbox/stats" && method === "GET")
      return send(res, 200, { requests: requests.length, injected: faults.injected }, log);
    if (path === "/_sandbox/store" && method === "DELETE") {
      store.clear();
      return send(res, 200, { cleared: true }, log);
    }
    if (path === "/_sandbox/faults") {
      if (method === "POST") faults.set(JSON.parse(raw.toString() || "{}"));
      if (method === "DELETE") faults.clear();
      return send(res, 200, { config: faults.config, injected: faults.injected }, log);
    }

    const action = faults.next(method, path);
    if (action.kind === "drop") {
      log.status = -1;
      req.socket.destroy();
      return;
    }
    if (action.kind === "hang") {
      log.status = -2;
      hanging.add(res);
      res.on("close", () => hanging.delete(res));
      return;
    }
    if (action.kind === "fail") {
      const err =
        action.code === 429
          ? new ApiError(
              429,
              "TooManyRequests",
              "the server has received too many requests and has asked us to try again later",
              { retryAfterSeconds: 1 },
            )
          : action.code === 503
            ? new ApiError(503, "ServiceUnavailable", "the server is currently unable to handle the request")
            : internalError("injected fault");
      if (action.code === 429) res.setHeader("Retry-After", "1");
      return send(res, action.code, { ...err.toStatus(), code: action.code }, log);
    }

    if (path === "/healthz" || path === "/readyz" || path === "/livez") {
      log.status = 200;
      res.writeHead(200, { "Content-Type": "text/plain" });
      return void res.end("ok");
    }
    const user = userFor(req);
    if (!user) throw unauthorized();
    log.user = user;

    if (path === "/version") return send(res, 200, VERSION, log);
    if (path === "/api")
      return send(
        res,
        200,
        {
          kind: "APIVersions",
          versions: ["v1"],
          serverAddressByClientCIDRs: [{ clientCIDR: "0.0.0.0/0", serverAddress: `127.0.0.1:${port}` }],
        },
        log,
      );
    if (path === "/apis")
      return send(
        res,
        200,
        {
          kind: "APIGroupList",
          apiVersion: "v1",
          groups: apiGroups().map((g) => ({
            name: g.name,
            versions: g.versions.map((v) => ({ groupVersion: `${g.name}/${v}`, version: v })),
            preferredVersion: { groupVersion: `${g.name}/${g.versions[0]}`, version: g.versions[0] },
          })),
        },
        log,
      );
    if (path === "/openapi/v3") return send(res, 200, openApiV3Index(), log);
    if (path.startsWith("/openapi/v3/")) {
      const doc = openApiV3Document(path.slice("/openapi/v3/".length));
      if (!doc) throw new ApiError(404, "NotFound", "the server could not find the requested resource");
      return send(res, 200, doc, log);
    }

    const seg = path.split("/").filter(Boolean).map(decodeURIComponent);
    let group: string, version: string, rest: string[];
    if (seg[0] === "api" && seg[1] === "v1") [group, version, rest] = ["", "v1", seg.slice(2)];
    else if (seg[0] === "apis" && seg.length >= 3) [group, version, rest] = [seg[1]!, seg[2]!, seg.slice(3)];
    else throw new ApiError(404, "NotFound", "the server could not find the requested resource");

    if (rest.length === 0) {
      const rs = RESOURCES.filter((r) => r.group === group && r.version === version);
      if (!rs.length) throw new ApiError(404, "NotFound", "the server could not find the requested resource");
      const resources: Obj[] = [];
      for (const r of rs) {
        resources.push({
          name: r.plural,
          singularName: r.singular,
          namespaced: r.namespaced,
          kind: r.kind,
          verbs: r.verbs,
          ...(r.shortNames ? { shortNames: r.shortNames } : {}),
          ...(r.categories ? { categories: r.categories } : {}),
          storageVersionHash: Buffer.from(r.kind).toString("base64").slice(0, 11),
        });
        if (r.hasStatus)
          resources.push({
            name: `${r.plural}/status`,
            singularName: "",
            namespaced: r.namespaced,
            kind: r.kind,
            verbs: ["get", "patch", "update"],
          });
        if (r.kind === "StatefulSet" || r.kind === "Deployment")
          resources.push({
            name: `${r.plural}/scale`,
            singularName: "",
            namespaced: true,
            group: "autoscaling",
            version: "v1",
            kind: "Scale",
            verbs: ["get", "patch", "update"],
          });
        if (r.kind === "Service")
          resources.push({
            name: "services/proxy",
            singularName: "",
            namespaced: true,
            kind: "ServiceProxyOptions",
            verbs: ["create", "delete", "get", "patch", "update"],
          });
      }
      return send(
        res,
        200,
        { kind: "APIResourceList", apiVersion: "v1", groupVersion: group ? `${group}/${version}` : version, resources },
        log,
      );
    }

    // Split into namespace / resource / name / subresource.
    let ns: string | undefined;
    let parts = rest;
    if (group === "" && rest[0] === "namespaces" && rest.length >= 3 && findByPlural("", "v1", rest[2]!)?.namespaced) {
      ns = rest[1];
      parts = rest.slice(2);
    } else if (group !== "" && rest[0] === "namespaces" && rest.length >= 3) {
      ns = rest[1];
      parts = rest.slice(2);
    }
    const rt = findByPlural(group, version, parts[0]!);
    if (!rt) throw new ApiError(404, "NotFound", "the server could not find the requested resource");
    if (rt.namespaced !== (ns !== undefined) && parts.length > 1)
      throw new ApiError(404, "NotFound", "the server could not find the requested resource");
    const name = parts[1];
    const sub = parts[2];
    const subRest = parts.slice(3);

    let verb: string;
    if (method === "GET") verb = name ? "get" : q.get("watch") === "true" || q.get("watch") === "1" ? "watch" : "list";
    else if (method === "POST") verb = "create";
    else if (method === "PUT") verb = "update";
    else if (method === "PATCH") verb = "patch";
    else if (method === "DELETE") verb = name ? "delete" : "deletecollection";
    else throw new ApiError(405, "MethodNotAllowed", `the server does not allow this method on the requested resource`);

    const contentType = (req.headers["content-type"] ?? "application/json").split(";")[0]!.trim();
    if (rt.virtual) {
      // SelfSubjectAccessReview: every authenticated user may ask about itself.
      if (method !== "POST")
        throw new ApiError(405, "MethodNotAllowed", "the server does not allow this method on the requested resource");
      const body = checkBody(
        rt,
        contentType === PROTOBUF ? decodeSelfSubjectAccessReview(raw) : parseBody(raw, contentType),
        undefined,
      );
      const attrs = ((body.spec as Obj | undefined)?.resourceAttributes as Obj | undefined) ?? {};
      const nonRes = (body.spec as Obj | undefined)?.nonResourceAttributes as Obj | undefined;
      const v = String(attrs.verb ?? nonRes?.verb ?? "");
      const ok = allowed(user, v);
      return send(
        res,
        201,
        {
          ...body,
          apiVersion: "authorization.k8s.io/v1",
          kind: "SelfSubjectAccessReview",
          metadata: { creationTimestamp: null },
          status: {
            allowed: ok,
            ...(ok ? { reason: `RBAC: allowed by ClusterRoleBinding "sandbox-${user}"` } : { reason: "" }),
          },
        },
        log,
      );
    }

    if (contentType === PROTOBUF)
      throw new ApiError(
        415,
        "UnsupportedMediaType",
        `the body of the request was in an unknown format - accepted media types include: application/json, application/yaml`,
      );
    if (sub === "proxy" && rt.kind === "Service" && ns) {
      if (!allowed(user, verb === "get" ? "get" : "create")) throw forbidden(user, verb, rt, ns, name);
      return proxy(req, res, ns, name!, subRest, url.search, raw, log);
    }
    if (!allowed(user, verb)) throw forbidden(user, verb, rt, ns, name);

    if (!name) {
      if (verb === "watch") return startWatch(req, res, rt, ns, q, log);
      if (verb === "list") {
        const items = listObjects(rt, ns, q);
        const rv = store.currentResourceVersion();
        if (wantsTable(req)) return send(res, 200, toTable(rt, items, rv, q.get("includeObject") ?? "Metadata"), log);
        return send(
          res,
          200,
          { kind: `${rt.kind}List`, apiVersion: groupVersion(rt), metadata: { resourceVersion: rv }, items },
          log,
        );
      }
      if (verb === "create") {
        const body = checkBody(rt, parseBody(raw, contentType), ns);
        const m = body.metadata as Obj;
        if (!m.name && typeof m.generateName === "string")
          m.name = `${m.generateName}${randomBytes(3).toString("hex").slice(0, 5)}`;
        validateName(rt, m.name);
        requireNamespace(rt, ns);
        if (store.get(rt, ns, m.name as string)) throw alreadyExists(rt, m.name as string);
        delete body.status;
        defaults(rt, body, undefined);
        m.managedFields = recordUpdate(undefined, body, managerFrom(q, req), {
          apiVersion: groupVersion(rt),
          now: nowTs(),
          skipStatus: !!rt.hasStatus,
        });
        if (dryRunOf(q))
          return send(res, 201, dryCreated(rt, { ...body, apiVersion: groupVersion(rt), kind: rt.kind }), log);
        return send(res, 201, store.create(rt, body), log);
      }
      if (verb === "deletecollection") {
        const items = listObjects(rt, ns, q);
        if (!dryRunOf(q)) for (const o of items) store.delete(rt, meta(o).namespace, meta(o).name);
        return send(
          res,
          200,
          {
            kind: `${rt.kind}List`,
            apiVersion: groupVersion(rt),
            metadata: { resourceVersion: store.currentResourceVersion() },
            items,
          },
          log,
        );
      }
    }

    const live = store.get(rt, ns, name!);
    if (sub === "scale" && (rt.kind === "StatefulSet" || rt.kind === "Deployment")) {
      if (!live) throw notFound(rt, name!);
      if (verb === "get") return send(res, 200, scaleOf(rt, live), log);
      const body = parseBody(raw, contentType) as Obj;
      const cur = scaleOf(rt, live);
      const next = (
        verb === "update"
          ? body
          : contentType.includes("strategic")
            ? strategicMergePatch(cur, body)
            : mergePatch(cur, body)
      ) as Obj;
      const replicas = (next.spec as Obj | undefined)?.replicas;
      if (typeof replicas !== "number" || replicas < 0)
        throw invalid(rt, name!, [
          { field: "spec.replicas", message: "must be greater than or equal to 0", value: replicas },
        ]);
      const updated = writeUpdate(
        rt,
        live,
        { ...clone(live), spec: { ...(live.spec as Obj), replicas } },
        managerFrom(q, req),
        dryRunOf(q),
        "scale",
      );
      return send(res, 200, scaleOf(rt, updated), log);
    }
    if (sub && sub !== "status")
      throw new ApiError(404, "NotFound", "the server could not find the requested resource");

    switch (verb) {
      case "get":
        if (!live) throw notFound(rt, name!);
        if (wantsTable(req))
          return send(
            res,
            200,
            toTable(rt, [live], meta(live).resourceVersion ?? "", q.get("includeObject") ?? "Metadata"),
            log,
          );
        return send(res, 200, live, log);
      case "update": {
        if (!live) throw notFound(rt, name!);
        const body = checkBody(rt, parseBody(raw, contentType), ns, name);
        const rv = (body.metadata as Obj).resourceVersion;
        if (rv !== undefined && rv !== "" && rv !== meta(live).resourceVersion)
          throw conflict(
            rt,
            name!,
            "the object has been modified; please apply your changes to the latest version and try again",
          );
        return send(res, 200, writeUpdate(rt, live, body, managerFrom(q, req), dryRunOf(q), sub), log);
      }
      case "patch": {
        if (contentType === "application/apply-patch+yaml" || contentType === "application/apply-patch+cbor") {
          const [code, obj] = handleApply(rt, ns, name!, raw, q);
          return send(res, code, obj, log);
        }
        if (!live) throw notFound(rt, name!);
        const patch = parseBody(raw, contentType);
        let next: Obj;
        if (contentType === "application/merge-patch+json") next = mergePatch(live, patch) as Obj;
        else if (contentType === "application/strategic-merge-patch+json")
          next = strategicMergePatch(live, patch) as Obj;
        else
          throw new ApiError(
            415,
            "UnsupportedMediaType",
            `the body of the request was in an unknown format - accepted media types include: application/json-patch+json, application/merge-patch+json, application/apply-patch+yaml, application/strategic-merge-patch+json`,
          );
        checkBody(rt, next, ns, name);
        return send(res, 200, writeUpdate(rt, live, next, managerFrom(q, req), dryRunOf(q), sub), log);
      }
      case "delete": {
        if (!live) throw notFound(rt, name!);
        let policy = q.get("propagationPolicy");
        if (raw.length) {
          const opts = parseBody(raw, "json") as Obj;
          if (typeof opts.propagationPolicy === "string") policy = opts.propagationPolicy;
        }
        if (policy && !["Foreground", "Background", "Orphan"].includes(policy))
          throw badRequest(`unsupported propagationPolicy: ${policy}`);
        if (!dryRunOf(q)) store.delete(rt, ns, name!);
        return send(
          res,
          200,
          {
            kind: "Status",
            apiVersion: "v1",
            metadata: {},
            status: "Success",
            details: { name, ...(rt.group ? { group: rt.group } : {}), kind: rt.plural, uid: meta(live).uid },
          },
          log,
        );
      }
    }
    throw new ApiError(405, "MethodNotAllowed", "the server does not allow this method on the requested resource");
  }

  const server = https.createServer({ key: pki.keyPem, cert: pki.certPem }, (req, res) => {
    const log: RequestLogEntry = { method: req.method ?? "GET", path: (req.url ?? "/").split("?")[0]!, status: 0 };
    requests.push(log);
    if (requests.length > 20_000) requests.splice(0, requests.length - 10_000);
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const go = () =>
        route(req, res, Buffer.concat(chunks), log).catch((e: unknown) => {
          const err = e instanceof ApiError ? e : internalError((e as Error).message);
          if (!(e instanceof ApiError)) console.error("[kube-api]", e);
          send(res, err.code, err.toStatus(), log);
        });
      if (faults.latencyMs > 0) setTimeout(go, faults.latencyMs);
      else void go();
    });
  });
  server.on("connection", (s: Socket) => {
    sockets.add(s);
    s.on("close", () => sockets.delete(s));
  });
  server.keepAliveTimeout = 30_000;

  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(opts.port ?? 0, opts.host ?? "127.0.0.1", () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  const url = `https://127.0.0.1:${port}`;

  const kubeconfig = (user: SandboxUser = "admin", o: { namespace?: string; contextName?: string } = {}) => {
    const ctx = o.contextName ?? `sandbox-${user}`;
    return YAML.stringify({
      apiVersion: "v1",
      kind: "Config",
      clusters: [
        {
          name: "sandbox",
          cluster: { server: url, "certificate-authority-data": Buffer.from(pki.caPem).toString("base64") },
        },
      ],
      users: [{ name: user, user: { token: tokens[user] } }],
      contexts: [
        { name: ctx, context: { cluster: "sandbox", user, ...(o.namespace ? { namespace: o.namespace } : {}) } },
      ],
      "current-context": ctx,
      preferences: {},
    });
  };

  return {
    url,
    port,
    caPem: pki.caPem,
    tokens,
    kubeconfig,
    writeKubeconfig: (path, user = "admin") => writeFileSync(path, kubeconfig(user), { mode: 0o600 }),
    faults,
    store,
    controller,
    requests,
    registerServiceBackend: (ns, svc, p, target) => void backends.set(backendKey(ns, svc, p), target),
    unregisterServiceBackend: (ns, svc, p) => void backends.delete(backendKey(ns, svc, p)),
    stop: async () => {
      controller.stop();
      for (const r of hanging) r.destroy();
      for (const s of sockets) s.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
