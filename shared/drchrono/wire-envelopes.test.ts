import { describe, expect, it } from 'vitest';
import { lineItemDeletionSchema, listEnvelopeSchema, tokenAnswerSchema } from './wire-envelopes.js';

describe('DrChrono envelopes', () => {
  const envelopes: [string, unknown, unknown][] = [
    ['reads results and an absolute next link', { previous: null, results: [{ id: 1 }], next: 'https://x/api/p?cursor=a' }, { results: [{ id: 1 }], next: 'https://x/api/p?cursor=a', previous: null }],
    ['reads `data` when the array goes by the OpenAPI name', { data: [{ id: 2 }], next: null }, { results: [{ id: 2 }], next: null, previous: null }],
    ['treats an empty next as the end', { results: [], next: '' }, { results: [], next: null, previous: null }],
  ];
  it.each(envelopes)('%s', (_n, wire, expected) => {
    expect(listEnvelopeSchema.parse(wire)).toEqual(expected);
  });

  it('refuses an envelope without results or data', () => {
    expect(listEnvelopeSchema.safeParse({ next: null }).success).toBe(false);
  });

  it('requires access_token, refresh_token and expires_in in a token answer', () => {
    expect(tokenAnswerSchema.safeParse({ access_token: 'a', refresh_token: 'r', expires_in: 172800, extra: 1 }).success).toBe(true);
    expect(tokenAnswerSchema.safeParse({ access_token: 'a', expires_in: 172800 }).success).toBe(false);
  });

  it('takes the deleted line item id from `line_item`, else `id`', () => {
    expect(lineItemDeletionSchema.parse({ id: 5, line_item: 77 })).toBe('77');
    expect(lineItemDeletionSchema.parse({ id: 5, deleted_at: '2026-01-01' })).toBe('5');
  });
});
