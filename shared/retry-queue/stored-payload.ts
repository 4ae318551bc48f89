/**
 * What a retry works from: the stored parsed payload, else the raw body parsed
 * again (the payload is left empty when PostgreSQL's jsonb refused it, and
 * kept raw when it never parsed). Each source turns a miss into its own error.
 */
import type { ClaimedEvent } from './claim-due.js';

export type StoredPayload = { ok: true; payload: unknown } | { ok: false; missing: 'no_body' | 'not_json' };

/** The delivery's parsed body, or why there is none (no body kept, or a body that is not JSON). */
export function storedPayload(event: Pick<ClaimedEvent, 'payload' | 'raw_body'>): StoredPayload {
  if (event.payload !== null) return { ok: true, payload: event.payload };
  if (event.raw_body === null) return { ok: false, missing: 'no_body' };
  try {
    return { ok: true, payload: JSON.parse(event.raw_body) as unknown };
  } catch {
    return { ok: false, missing: 'not_json' };
  }
}
