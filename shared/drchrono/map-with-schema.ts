/** The shared shape of a DrChrono mirror mapper: parse with the wire schema, map the fields, add raw and hash. */
import type { z } from 'zod';
import { parseWire, withRaw, type MirrorMapResult } from './mirror-map-result.js';

/**
 * Validates `wire` with `schema` and completes the fields `toFields` picks into a row;
 * a refusal carries the reason from parseWire (field and rule, never a value).
 */
export function mapWithSchema<S extends z.ZodType, F extends object>(
  schema: S,
  wire: unknown,
  toFields: (data: z.output<S>) => F,
): MirrorMapResult<F & { raw: string; content_hash: string }> {
  const p = parseWire(schema, wire);
  if (!p.ok) return p;
  return { ok: true, row: withRaw(toFields(p.data), wire) };
}
