export { RETRY_DELAYS_MS, nextAttemptAt } from './retry-schedule.js';
export { classifyFailure, type FailureClass } from './classify-failure.js';
export { recordFailure, type FailureOutcome } from './mark-failed.js';
export { claimDue, UNPROCESSED_GRACE_MS, type ClaimedEvent, type ClaimOptions, type SyncEventRow } from './claim-due.js';
export { markProcessed, releaseClaim } from './mark-processed.js';
export { heldUnder, type ClaimLease } from './claim-lease.js';
export { writeRetryLog, type RetryLogInput } from './write-retry-log.js';
export {
  runRetryWorker,
  type RetryHandler,
  type RetryOutcome,
  type RetryWorkerDeps,
  type RetryWorkerOptions,
  type RetryRunSummary,
} from './retry-worker.js';
export { listDeadLetters, replayDeadLetters, type DeadLetter } from './dead-letters.js';
export {
  deadLetterFilterSchema,
  replayRequestSchema,
  DEFAULT_DEAD_LETTER_LIMIT,
  MAX_DEAD_LETTER_LIMIT,
  type DeadLetterFilter,
  type ReplayRequest,
} from './dead-letter-filter.js';
