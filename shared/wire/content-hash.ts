/** Stable content hashes of records from any external system: equal hash, nothing to write. */
import * as crypto from 'node:crypto';

const { createHash } = crypto;

// One-shot sha256 where Node has it (20.12+): a full re-sync hashes every record it fetches, and building a
// Hash object per record cost about a third of that. Older Node 20 falls back to the object.
const sha256Hex: (data: string) => string =
  typeof crypto.hash === 'function' ? (data) => crypto.hash('sha256', data, 'hex') : (data) => createHash('sha256').update(data).digest('hex');

// Hand-rolled rather than JSON.stringify with a replacer: the replacer allocates
// a sorted copy of every object, and this runs on every row of a full sync.
// String concatenation (V8 ropes) beats collecting parts in an array here.
function stable(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  switch (typeof value) {
    case 'string':
      return JSON.stringify(value);
    case 'number':
      return Number.isFinite(value) ? String(value) : 'null';
    case 'boolean':
      return value ? 'true' : 'false';
    case 'bigint':
      return JSON.stringify(value.toString());
    case 'object':
      break;
    case 'undefined':
    case 'function':
    case 'symbol':
      // no data to hash: written as JSON writes them inside arrays
      return 'null';
  }
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? 'null' : `"${value.toISOString()}"`;
  if (Array.isArray(value)) {
    let out = '[';
    for (let i = 0; i < value.length; i++) out += (i > 0 ? ',' : '') + stable(value[i]);
    return out + ']';
  }
  const obj = value as Record<string, unknown>;
  const keys = Object.keys(obj).sort();
  let out = '{';
  for (const key of keys) {
    const v = obj[key];
    // Like JSON: an absent key and an undefined one are the same content.
    if (v === undefined) continue;
    out += (out.length > 1 ? ',' : '') + JSON.stringify(key) + ':' + stable(v);
  }
  return out + '}';
}

/** JSON with object keys sorted at every depth and Dates as ISO strings. */
export function stableJson(value: unknown): string {
  return stable(value);
}

/** sha256 (hex) over the stable JSON of `value`. */
export function contentHash(value: unknown): string {
  return sha256Hex(stableJson(value));
}

/**
 * sha256 (hex) over `JSON.stringify(value)` as is, prefixed with `version`.
 * About ten times cheaper than `contentHash`: no key sorting, no copy. Use it
 * only where key order is stable — a wire record as DRX sends it (a reordering
 * would cost one harmless rewrite) or an object our own code builds. Bumping
 * `version` makes the next sync rewrite every row, e.g. after a mapping change.
 */
export function jsonHash(version: string, value: unknown): string {
  // sha256(version ‖ json): the same digest as two updates, so stored hashes stay valid.
  return sha256Hex(version + (JSON.stringify(value) ?? 'null'));
}
