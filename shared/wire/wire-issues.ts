/** Reasons for records that fail their wire schema: field paths and rules only, never the offending values. */
import type { z } from 'zod';

// Our own texts for every issue a wire schema can raise, so no zod default
// message (some quote the input) reaches a reason. Schema-level messages win.
const TEXT: Partial<Record<string, string>> = {
  invalid_type: 'has the wrong type',
  too_small: 'is too small',
  too_big: 'is too big',
  invalid_format: 'has the wrong format',
  invalid_value: 'is not an allowed value',
  invalid_union: 'has the wrong type',
  not_multiple_of: 'is not a whole multiple',
  unrecognized_keys: 'has unexpected keys',
  invalid_key: 'has an invalid key',
  invalid_element: 'has an invalid element',
};

/** Per-parse error map for wire records: "required" for missing values, a rule name otherwise. */
export const wireErrorMap = (iss: { code?: string; input?: unknown }): string =>
  iss.input === undefined || iss.input === null ? 'required' : (TEXT[iss.code ?? ''] ?? 'is invalid');

const MAX_ISSUES = 3;

/** "doctor.npi: fails Luhn check; total_qty_remaining: must be ≥ 0" (first few issues). */
export function describeIssues(error: z.ZodError): string {
  const parts = error.issues
    .slice(0, MAX_ISSUES)
    .map((i) => `${i.path.length === 0 ? 'record' : i.path.map(String).join('.')}: ${i.message}`);
  const more = error.issues.length - MAX_ISSUES;
  return more > 0 ? `${parts.join('; ')} (+${more} more)` : parts.join('; ');
}
