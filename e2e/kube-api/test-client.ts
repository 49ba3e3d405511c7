// A bare HTTPS client for the test server's own tests: TLS verified against the server's CA,
// bearer token per user, no Kubernetes client library in between.
import https from "node:https";
import type { KubeApiServer, SandboxUser } from "./server";

export interface CallResult {
  status: number;
  body: any; // eslint-disable-line @typescript-eslint/no-explicit-any -- JSON from the wire
  headers: Record<string, string | string[] | undefined>;
}

export function call(
  server: KubeApiServer,
  method: string,
  path: string,
  opts: { body?: unknown; contentType?: string; user?: SandboxUser | null; timeoutMs?: number; accept?: string } = {},
): Promise<CallResult> {
  const payload =
    opts.body === undefined ? undefined : typeof opts.body === "string" ? opts.body : JSON.stringify(opts.body);
  const user = opts.user === undefined ? "admin" : opts.user;
  return new Promise((resolve, reject) => {
    const req = https.request(
      `${server.url}${path}`,
      {
        method,
        ca: server.caPem,
        agent: false,
        headers: {
          ...(user ? { authorization: `Bearer ${server.tokens[user]}` } : {}),
          ...(payload
            ? { "content-type": opts.contentType ?? "application/json", "content-length": Buffer.byteLength(payload) }
            : {}),
          accept: opts.accept ?? "application/json",
        },
        timeout: opts.timeoutMs ?? 10_000,
      },
      (res) => {
        let text = "";
        res.on("data", (c) => (text += c));
        res.on("end", () => {
          let body: unknown = text;
          try {
            body = JSON.parse(text);
          } catch {
            // not JSON (proxy answers): keep the text
          }
          resolve({ status: res.statusCode ?? 0, body, headers: res.headers });
        });
      },
    );
    req.on("timeout", () => req.destroy(new Error("client timeout")));
    req.on("error", reject);
    req.end(payload);
  });
}

export const apply = (
  server: KubeApiServer,
  path: string,
  yaml: string,
  query = "fieldManager=test&force=true",
  user?: SandboxUser,
) => call(server, "PATCH", `${path}?${query}`, { body: yaml, contentType: "application/apply-patch+yaml", user });

export async function waitFor<T>(
  fn: () => Promise<T | undefined | false> | T | undefined | false,
  timeoutMs = 5000,
): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const v = await fn();
    if (v) return v;
    if (Date.now() > until) throw new Error("waitFor: condition not met in time");
    await new Promise((r) => setTimeout(r, 25));
  }
}

/** A minimal StatefulSet/Deployment manifest (one container, selector app=<name>) as YAML. */
export const workloadYaml = (
  kind: "StatefulSet" | "Deployment",
  name: string,
  namespace: string,
  replicas: number,
  image = "img:1",
) => `apiVersion: apps/v1
kind: ${kind}
metadata: {name: ${name}, namespace: ${namespace}}
spec:
  replicas: ${replicas}
  selector: {matchLabels: {app: ${name}}}
  template:
    metadata: {labels: {app: ${name}}}
    spec:
      containers: [{name: main, image: "${image}"}]
`;
