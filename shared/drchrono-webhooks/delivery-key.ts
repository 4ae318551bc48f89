/** The idempotency key of a DrChrono delivery: its X-drchrono-delivery id, else the body's sha256. */
import { createHash } from 'node:crypto';
import type { IdempotencySource } from '../db/database.js';

/** A redelivery carries the same delivery id; without one, the same body is the same delivery. */
export function deliveryKey(deliveryId: string | undefined, rawBody: Buffer): { key: string; source: IdempotencySource } {
  const id = deliveryId?.trim();
  if (id) return { key: id, source: 'delivery_id' };
  return { key: `sha256:${createHash('sha256').update(rawBody).digest('hex')}`, source: 'body_sha256' };
}
