/**
 * What a failed attempt means for the queue, and what of it may be stored.
 * Only our own AppError messages are stored verbatim (they are written to be
 * PHI-free); anything else (a driver error can quote a value from the body) is
 * reduced to its name and a safe code.
 */
import { AppError, type ErrorKind } from '../errors/app-error.js';
import { maskedErrorText } from '../log/mask.js';

export interface FailureClass {
  /** True: try again later by the schedule. False: dead-letter now, retrying cannot help. */
  transient: boolean;
  code: string;
  /** Masked and PHI-free; what lands in last_error and event_failures.error. */
  text: string;
}

// conflict (a sync running, a lease lost) clears by itself, so it is retried;
// input, not_found, unauthorized and permanent need a person (or a deploy) first.
const TRANSIENT: Record<ErrorKind, boolean> = {
  retryable: true,
  conflict: true,
  input: false,
  not_found: false,
  unauthorized: false,
  permanent: false,
};

const SAFE_CODE = /^[A-Za-z0-9_]{1,40}$/;

/** Classifies `err`: AppError by its kind; an unknown error is transient (we cannot tell it is not). */
export function classifyFailure(err: unknown): FailureClass {
  if (err instanceof AppError) return { transient: TRANSIENT[err.kind], code: err.code, text: maskedErrorText(err) };
  const name = err instanceof Error && SAFE_CODE.test(err.name) ? err.name : 'Error';
  const raw = typeof err === 'object' && err !== null ? (err as { code?: unknown }).code : undefined;
  const code = typeof raw === 'string' && SAFE_CODE.test(raw) ? raw : 'internal';
  return { transient: true, code, text: code === 'internal' ? `unexpected ${name}` : `unexpected ${name} (${code})` };
}
