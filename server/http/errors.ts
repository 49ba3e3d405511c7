// Errors a handler throws on purpose; the route helper turns them into `{error, ...extra}` with the status.
export class HttpError extends Error {
  readonly status: number;
  readonly extra?: object;
  constructor(status: number, message: string, extra?: object) {
    super(message);
    this.name = "HttpError";
    this.status = status;
    this.extra = extra;
  }
}

export interface ValidationIssue {
  path: string;
  message: string;
}
