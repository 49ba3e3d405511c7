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
