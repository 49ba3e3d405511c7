// The HTTP client isomorphic-git uses: plain node:http(s), pinned to the registered repository's origin,
// never following redirects (a redirect could carry the token to another host), with a timeout and a
// cap on what a remote may send back.
import http from "node:http";
import https from "node:https";
import type { GitHttpRequest, GitHttpResponse, HttpClient } from "isomorphic-git";

export const GIT_TIMEOUT_MS = Number(process.env.STUDIO_GIT_TIMEOUT_MS ?? 30_000);
/** A pack for a manifests repository is small; anything near this is not what we asked for. */
export const GIT_MAX_RESPONSE_BYTES = 256 * 1024 * 1024;

export class RemoteRefusedError extends Error {}

async function collect(body: GitHttpRequest["body"]): Promise<Buffer | undefined> {
  if (!body) return undefined;
  const chunks: Uint8Array[] = [];
  for await (const c of body) chunks.push(c);
  return Buffer.concat(chunks);
}

async function* iterate(stream: http.IncomingMessage, limit: number): AsyncIterableIterator<Uint8Array> {
  let total = 0;
  for await (const chunk of stream as AsyncIterable<Buffer>) {
    total += chunk.byteLength;
    if (total > limit) {
      stream.destroy();
      throw new RemoteRefusedError(`the remote sent more than ${limit} bytes`);
    }
    yield new Uint8Array(chunk);
  }
}

async function readReason(res: http.IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  let total = 0;
  try {
    for await (const c of res as AsyncIterable<Buffer>) {
      total += c.byteLength;
      if (total > 8192) break;
      chunks.push(c);
    }
  } catch {
    // The reason is a courtesy; the status alone still fails the export.
  }
  res.destroy();
  return Buffer.concat(chunks).toString("utf8").trim().slice(0, 500);
}

/** A client that only ever talks to `origin` (scheme://host:port of the registered URL). */
export function pinnedHttpClient(origin: string): HttpClient {
  return {
    async request(req: GitHttpRequest): Promise<GitHttpResponse> {
      const url = new URL(req.url);
      if (url.origin !== origin)
        throw new RemoteRefusedError(`refusing a request to ${url.origin}: not the registered repository`);
      const body = await collect(req.body);
      const lib = url.protocol === "https:" ? https : http;
      return new Promise<GitHttpResponse>((resolve, reject) => {
        const r = lib.request(
          url,
          {
            method: req.method ?? "GET",
            headers: { ...req.headers, ...(body ? { "content-length": String(body.byteLength) } : {}) },
            timeout: GIT_TIMEOUT_MS,
          },
          (res) => {
            const status = res.statusCode ?? 0;
            if (status >= 300 && status < 400) {
              res.resume();
              const to = res.headers.location ? new URL(res.headers.location, url).origin : "elsewhere";
              return reject(
                new RemoteRefusedError(`the remote redirected to ${to}; register the final repository URL instead`),
              );
            }
            const headers: Record<string, string> = {};
            for (const [k, v] of Object.entries(res.headers))
              if (v !== undefined) headers[k] = Array.isArray(v) ? v.join(", ") : v;
            const answer = { url: req.url, method: req.method, statusCode: status, headers };
            if (status < 400)
              return resolve({
                ...answer,
                statusMessage: res.statusMessage ?? "",
                body: iterate(res, GIT_MAX_RESPONSE_BYTES),
              });
            // A refusal's body is the host's reason ("branch is protected", "token lacks scope"); isomorphic-git
            // drops it on the push path, so it travels in the status message.
            void readReason(res).then((reason) =>
              resolve({
                ...answer,
                statusMessage: [res.statusMessage, reason].filter(Boolean).join(": "),
                body: (async function* () {})(),
              }),
            );
          },
        );
        r.on("timeout", () =>
          r.destroy(new RemoteRefusedError(`no answer from ${url.host} within ${GIT_TIMEOUT_MS} ms`)),
        );
        r.on("error", reject);
        r.end(body);
      });
    },
  };
}
