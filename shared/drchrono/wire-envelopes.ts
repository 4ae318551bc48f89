/** zod schemas for DrChrono's envelopes: list pages, OAuth token answers, bulk `*_list` answers, the current user. */
import { z } from 'zod';
import { wireId } from './wire-fields.js';

const url = z.string().nullish().transform((v) => (v === undefined || v === null || v === '' ? null : v));

/** `{previous, results, next}`; the OpenAPI names the array `data`, so either is read. */
export const listEnvelopeSchema = z
  .object({ results: z.array(z.unknown()).optional(), data: z.array(z.unknown()).optional(), next: url, previous: url })
  .refine((e) => e.results !== undefined || e.data !== undefined, { message: 'results: required' })
  .transform((e) => ({ results: e.results ?? e.data ?? [], next: e.next, previous: e.previous }));

export type ListEnvelope = z.output<typeof listEnvelopeSchema>;

/** The token endpoint's answer (exchange and refresh); `expires_in` is in seconds. */
export const tokenAnswerSchema = z.object({
  access_token: z.string().min(1),
  refresh_token: z.string().min(1),
  expires_in: z.coerce.number().positive(),
  token_type: z.string().optional(),
  scope: z.string().optional(),
});

export type TokenAnswer = z.output<typeof tokenAnswerSchema>;

/** The token endpoint's error answer (RFC 6749 §5.2). */
export const tokenErrorSchema = z.object({ error: z.string(), error_description: z.string().optional() });

/** `POST /api/<kind>_list` → the uuid to poll. */
export const bulkStartSchema = z.object({ uuid: z.string().min(1) });

/** `GET /api/<kind>_list?uuid=`: a status until Complete, then the first page (results/data and next). */
export const bulkPollSchema = z.object({
  status: z.string(),
  results: z.array(z.unknown()).optional(),
  data: z.array(z.unknown()).optional(),
  next: url,
});

/** `GET /api/users/current`. */
export const currentUserSchema = z.object({ id: wireId, doctor: wireId.nullish(), practice_group: wireId.nullish() });

/** One record of `/api/line_item_deletions`: the deleted line item's id (`line_item`, else `id`). */
export const lineItemDeletionSchema = z
  .object({ id: wireId.optional(), line_item: wireId.optional() })
  .transform((d) => d.line_item ?? d.id ?? null);
