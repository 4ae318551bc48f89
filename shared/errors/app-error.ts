/**
 * The error taxonomy that decides what happens at every edge:
 * input → 4xx and no retry; retryable → 503/redeliver with backoff;
 * permanent → 4xx/422 and dead-letter; conflict/not_found/unauthorized are
 * input errors with their own status codes.
 */
export type ErrorKind = 'input' | 'unauthorized' | 'not_found' | 'conflict' | 'retryable' | 'permanent';

export type ErrorCode =
  | 'bad_json'
  | 'invalid_body'
  | 'invalid_query'
  | 'unauthorized'
  | 'bad_webhook_secret'
  | 'unknown_pharmacy'
  | 'not_found'
  | 'sync_running'
  | 'sync_lease_lost'
  | 'invalid_drx_key'
  | 'drx_forbidden'
  | 'drx_bad_request'
  | 'drx_unavailable'
  | 'drx_timeout'
  | 'drx_rate_limited'
  | 'drx_bad_response'
  | 'retry_budget_exhausted'
  | 'secret_missing'
  | 'database_unavailable'
  | 'drchrono_unauthorized'
  | 'drchrono_budget_exhausted'
  | 'drchrono_unavailable'
  | 'drchrono_bad_response'
  | 'drchrono_not_connected'
  | 'unknown_practice'
  | 'bad_signature'
  | 'unroutable_delivery'
  | 'decrypt_failed'
  | 'bad_payload'
  | 'invalid_record'
  | 'lease_expired'
  | 'internal';

const STATUS: Record<ErrorKind, number> = {
  input: 400,
  unauthorized: 401,
  not_found: 404,
  conflict: 409,
  retryable: 503,
  permanent: 422,
};

/** An error we expect and know how to answer; its message is safe to show and log. */
export class AppError extends Error {
  constructor(
    readonly kind: ErrorKind,
    readonly code: ErrorCode,
    message: string,
    readonly details: Record<string, unknown> = {},
    options?: { cause?: unknown; retryAfterSeconds?: number },
  ) {
    super(message, options?.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'AppError';
    this.retryAfterSeconds = options?.retryAfterSeconds;
  }
  readonly retryAfterSeconds: number | undefined;

  get status(): number {
    return STATUS[this.kind];
  }
}

/** True for errors worth trying again later. */
export function isRetryable(err: unknown): boolean {
  return err instanceof AppError && err.kind === 'retryable';
}
