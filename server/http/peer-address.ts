// The socket's remote address, stamped on every request by the Node HTTP server before Next sees it:
// Next fills X-Forwarded-For from the socket only when the client sent none, so it cannot tell the two
// apart. The stamp overwrites whatever a client sent under the same name.
import http from "node:http";

export const PEER_HEADER = "x-studio-peer";

let installed = false;

export function installPeerAddressStamp(): void {
  if (installed) return;
  installed = true;
  const emit = http.Server.prototype.emit;
  http.Server.prototype.emit = function (this: http.Server, event: string | symbol, ...args: unknown[]): boolean {
    if (event === "request") {
      const req = args[0] as http.IncomingMessage;
      req.headers[PEER_HEADER] = req.socket?.remoteAddress ?? "unknown";
    }
    return (emit as (this: http.Server, e: string | symbol, ...a: unknown[]) => boolean).call(this, event, ...args);
  } as typeof emit;
}
