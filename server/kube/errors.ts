// Errors from the Kubernetes API, carrying what a user needs (status, reason, the server's own
// message) and never request bodies or credentials.

export class KubeApiError extends Error {
  constructor(
    readonly status: number,
    readonly reason: string,
    message: string,
    readonly method: string,
    readonly path: string,
    /** From a Retry-After header (429/503), in ms. */
    readonly retryAfterMs?: number,
  ) {
    super(message);
    this.name = "KubeApiError";
  }
}

/** No HTTP answer: timeout, refused or reset connection, TLS failure. */
export class KubeTransportError extends Error {
  constructor(
    message: string,
    readonly code: string,
    readonly method: string,
    readonly path: string,
  ) {
    super(message);
    this.name = "KubeTransportError";
  }
}

/** Throttling, server errors and transport failures are worth another try; 4xx answers are not. */
export function isRetryable(e: unknown): boolean {
  if (e instanceof KubeTransportError) return true;
  if (e instanceof KubeApiError) return e.status === 429 || e.status >= 500;
  return false;
}

export function errorMessage(e: unknown): string {
  if (e instanceof KubeApiError) return `${e.status} ${e.reason}: ${e.message}`;
  if (e instanceof KubeTransportError) return `${e.code}: ${e.message}`;
  return e instanceof Error ? e.message : String(e);
}

/** Transport codes by what failed: the name, the connection, or the TLS handshake. */
const DNS_CODES = new Set(["ENOTFOUND", "EAI_AGAIN", "EAI_FAIL", "EAI_NODATA"]);
const TCP_CODES = new Set(["ECONNREFUSED", "ECONNRESET", "EHOSTUNREACH", "ENETUNREACH", "ETIMEDOUT", "EPIPE"]);

function transportKind(code: string): string {
  if (DNS_CODES.has(code)) return "DNS";
  if (TCP_CODES.has(code)) return "TCP";
  // Node names certificate failures after OpenSSL (CERT_HAS_EXPIRED, DEPTH_ZERO_SELF_SIGNED_CERT, ERR_TLS_…).
  if (/CERT|TLS|SSL|SELF_SIGNED|UNABLE_TO_VERIFY|ALTNAME/.test(code)) return "TLS";
  return "connection";
}

/**
 * What happened when the studio tried to talk to an API server, in words that tell "never got an answer"
 * (DNS, TCP, TLS) apart from "got an answer, and it was no" (401, 403): the fixes are different people's.
 */
export function reachMessage(server: string, e: unknown): string {
  if (e instanceof KubeApiError) {
    // API servers often repeat the reason as the message ("Unauthorized"): say it once.
    const said = e.message && e.message !== e.reason ? `: ${e.message}` : "";
    const what =
      e.status === 401
        ? " (it does not accept these credentials: a wrong or expired token, or a client certificate it does not trust)"
        : e.status === 403
          ? " (it knows these credentials but they may not do this)"
          : "";
    return `reached ${server}, which answered ${e.status} ${e.reason}${said}${what}`;
  }
  if (e instanceof KubeTransportError)
    return `cannot reach ${server} (${transportKind(e.code)}: ${e.code}): ${e.message}`;
  return `cannot reach ${server}: ${e instanceof Error ? e.message : String(e)}`;
}

/** The API server answered that these credentials are not accepted (401) or may do nothing (403). */
export function isCredentialRefusal(e: unknown): e is KubeApiError {
  return e instanceof KubeApiError && (e.status === 401 || e.status === 403);
}
