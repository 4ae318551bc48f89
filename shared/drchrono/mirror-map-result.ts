/** What a DrChrono mapper returns: a row, or why the object was refused (field and rule, never a value). */
import type { z } from 'zod';
import { contentHash } from '../wire/content-hash.js';
import { describeIssues, wireErrorMap } from '../wire/wire-issues.js';

export type MirrorMapResult<T> = { ok: true; row: T } | { ok: false; reason: string };

/** Parses `wire` with `schema`; the reason names fields and rules only. */
export function parseWire<S extends z.ZodType>(schema: S, wire: unknown): { ok: true; data: z.output<S> } | { ok: false; reason: string } {
  if (typeof wire !== 'object' || wire === null || Array.isArray(wire)) return { ok: false, reason: 'record: must be an object' };
  const parsed = schema.safeParse(wire, { error: wireErrorMap });
  return parsed.success ? { ok: true, data: parsed.data } : { ok: false, reason: describeIssues(parsed.error) };
}

/** Completes a row: `raw` is the object as JSON, the hash covers the mapped fields and the raw object. */
export function withRaw<F extends object>(fields: F, wire: unknown): F & { raw: string; content_hash: string } {
  // The hash takes the parsed object (stable key order), so a reordered but equal answer hashes the same.
  return { ...fields, raw: JSON.stringify(wire), content_hash: contentHash({ fields, raw: wire }) };
}
