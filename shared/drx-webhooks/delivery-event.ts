/** Which DRX event a delivery is, and which of our streams it feeds. */
import { createHash } from 'node:crypto';

export const PRESCRIPTION_CREATED = 'Prescription Created';

export type DeliveryStream = 'prescriptions' | 'fills';

/**
 * The event named in the subscription URL (`?event=`), else inferred from the
 * body's shape: a Prescription carries `prescription_fills`, a Fill carries
 * `prescription_id` and its status is the fill-status event's name.
 */
export function resolveEvent(queryEvent: string | undefined, payload: unknown): string {
  const named = queryEvent?.trim();
  if (named) return named;
  if (typeof payload === 'object' && payload !== null && !Array.isArray(payload)) {
    const body = payload as Record<string, unknown>;
    if ('prescription_fills' in body) return PRESCRIPTION_CREATED;
    if ('prescription_id' in body) return typeof body.status === 'string' && body.status ? body.status : 'fill';
  }
  return 'unknown';
}

/** Prescription Created feeds prescriptions; every other event's body is a Fill. */
export function streamOf(event: string): DeliveryStream {
  return event === PRESCRIPTION_CREATED ? 'prescriptions' : 'fills';
}

/**
 * sha256(pharmacy + event + raw body): the same delivery repeated gets the same key.
 * The pharmacy is part of it because DRX ids are per store: two pharmacies can
 * send byte-identical bodies, and neither may be mistaken for the other's repeat.
 */
export function deliveryKey(pharmacyId: string, event: string, rawBody: Buffer): string {
  return createHash('sha256').update(pharmacyId, 'utf8').update('\n').update(event, 'utf8').update('\n').update(rawBody).digest('hex');
}
