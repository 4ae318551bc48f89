// The list envelope (contract "Lists"): `{previous, results, next}` with
// absolute links that repeat every query parameter plus a `cursor`. Cursors
// are keyset (the last id served), so records changing while a client pages
// are neither skipped nor repeated.
import { BadRequest } from './http-io.js';

/** A list page as DrChrono sends it. */
export interface ListEnvelope<T> {
  previous: string | null;
  results: T[];
  next: string | null;
}

/** Page-size limits of one endpoint. */
export interface PageSizeRule {
  defaultSize: number;
  maxSize: number;
}

/** Default 100, at most 250; `verbose=true` lists serve 25 (contract "Lists"). */
export function pageSizeRule(params: URLSearchParams): PageSizeRule {
  return params.get('verbose') === 'true' ? { defaultSize: 25, maxSize: 25 } : { defaultSize: 100, maxSize: 250 };
}

/** The page size asked for, clamped to the rule as Django REST framework does. */
export function pageSizeOf(params: URLSearchParams, rule: PageSizeRule): number {
  const raw = params.get('page_size');
  if (raw === null || raw === '') return rule.defaultSize;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1) throw new BadRequest('page_size must be a positive integer');
  return Math.min(n, rule.maxSize);
}

function encodeCursor(afterId: number): string {
  return Buffer.from(`p=${afterId}`).toString('base64url');
}

function decodeCursor(cursor: string): number {
  const m = /^p=(\d+)$/.exec(Buffer.from(cursor, 'base64url').toString('utf8'));
  if (!m?.[1]) throw new BadRequest('Invalid cursor');
  return Number(m[1]);
}

function linkWith(self: URL, cursor: string | null): string {
  const url = new URL(self.href);
  if (cursor === null) url.searchParams.delete('cursor');
  else url.searchParams.set('cursor', cursor);
  return url.href;
}

/** One page of `records` (in ascending id order) for the request at `self` (an absolute URL). */
export function paginate<T extends { id: number | string }>(records: readonly T[], self: URL, size: number): ListEnvelope<T> {
  const cursor = self.searchParams.get('cursor');
  const after = cursor === null || cursor === '' ? Number.NEGATIVE_INFINITY : decodeCursor(cursor);
  let start = records.findIndex((r) => Number(r.id) > after);
  if (start < 0) start = records.length;
  const results = records.slice(start, start + size);
  const last = results.at(-1);
  const hasMore = start + size < records.length;
  let previous: string | null = null;
  if (start > 0) {
    const prevStart = Math.max(0, start - size);
    const before = records[prevStart - 1];
    previous = linkWith(self, before === undefined ? null : encodeCursor(Number(before.id)));
  }
  return {
    previous,
    results,
    next: hasMore && last !== undefined ? linkWith(self, encodeCursor(Number(last.id))) : null,
  };
}
