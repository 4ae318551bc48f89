/** Which dead letters an admin means: the filter shared by the dead-letters endpoint and CLI. */
import { z } from 'zod';

export const DEFAULT_DEAD_LETTER_LIMIT = 100;

export const MAX_DEAD_LETTER_LIMIT = 1000;

// Strings only: coercing let null, 0 and false through as the epoch, turning a
// slip into "replay everything since 1970". A zone is required on a date-time
// so the instant does not depend on the server's.
const isoInstant = z
  .union([z.iso.date(), z.iso.datetime({ offset: true })], {
    error: 'expected an ISO date (2026-01-01) or date-time with a zone (2026-01-01T00:00:00Z)',
  })
  .transform((s) => new Date(s));

/**
 * Dead letters by source, kind, pharmacy or practice, dead-lettered at or after
 * `since`. `status: 'unroutable'` selects DrChrono deliveries no practice could
 * be found for (kept for review) instead of dead ones.
 */
export const deadLetterFilterSchema = z.strictObject({
  status: z.enum(['dead', 'unroutable']).optional(),
  source: z.string().min(1).optional(),
  kind: z.string().min(1).optional(),
  pharmacyId: z.string().min(1).optional(),
  practiceId: z.string().min(1).optional(),
  since: isoInstant.optional(),
  limit: z.coerce.number().int().min(1).max(MAX_DEAD_LETTER_LIMIT).optional(),
});

export type DeadLetterFilter = z.output<typeof deadLetterFilterSchema>;

/** A replay: given ids, and/or everything matching the filter; `all: true` is the only way to say "every dead letter". */
export const replayRequestSchema = deadLetterFilterSchema.omit({ limit: true }).extend({
  ids: z.array(z.guid()).min(1).max(MAX_DEAD_LETTER_LIMIT).optional(),
  all: z.boolean().optional(),
});

export type ReplayRequest = z.output<typeof replayRequestSchema>;
