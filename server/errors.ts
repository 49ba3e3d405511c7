// Domain errors: what went wrong in the domain's words. Services and repositories throw these; only
// route() (server/http/route.ts) turns them into HTTP statuses. `details` goes to the client as extra fields.
export abstract class DomainError extends Error {
  constructor(
    message: string,
    readonly details?: object,
  ) {
    super(message);
    this.name = new.target.name;
  }
}

/** The thing asked for does not exist (or the caller may not know it exists). */
export class NotFoundError extends DomainError {}
/** The request is fine but the current state forbids it: a newer revision, a running deploy, a stale plan. */
export class ConflictError extends DomainError {}
/** The input itself is wrong (beyond what the request schema checks). */
export class InvalidError extends DomainError {}
/** Understood and well-formed, but it cannot be processed as things are configured (an unbound cluster node). */
export class UnprocessableError extends DomainError {}
/** Authenticated, but not allowed to do this. */
export class ForbiddenError extends DomainError {}
/** Too big to accept. */
export class TooLargeError extends DomainError {}
/** Asked too often: a rate limit said no for now (details say when to try again). */
export class TooManyRequestsError extends DomainError {}
/** A system we depend on (a cluster's API server, an object store) did not answer usefully. */
export class UpstreamError extends DomainError {}
