/** zod schemas for DRX response envelopes. Items stay `unknown` so one bad record never fails a page. */
import { z } from 'zod';
import { wireId } from '../wire/wire-fields.js';

/** GET /heartbeat → {"pulse": 1}. */
export const heartbeatSchema = z.object({ pulse: z.union([z.number(), z.boolean(), z.string()]) });

/** What every list answer shares: a total, and `success` that must not be false. */
const listHead = z.object({
  success: z.boolean().optional(),
  total: z.union([z.number().int().min(0), z.string().regex(/^\d+$/)]).transform((v) => Number(v)),
});

/** A list answer's total and raw items under `key` (doctors, prescriptions, fills); null when it is not one. */
export function parseListEnvelope(json: unknown, key: string): { total: number; items: unknown[] } | null {
  const head = listHead.safeParse(json);
  if (!head.success || head.data.success === false) return null;
  const items = z.array(z.unknown()).safeParse((json as Record<string, unknown>)[key]);
  return items.success ? { total: head.data.total, items: items.data } : null;
}

/** GET /prescription/{id} → {"prescription": {…}}. */
export const prescriptionEnvelopeSchema = z.object({ prescription: z.record(z.string(), z.unknown()) });

/** POST /webhooks answer: the subscription, bare or wrapped (the contract does not say which). */
export const webhookRegistrationSchema = z.union([
  z.object({ id: wireId }),
  z.object({ webhook: z.object({ id: wireId }) }).transform((v) => v.webhook),
  z.object({ subscription: z.object({ id: wireId }) }).transform((v) => v.subscription),
]);
