/** The `id` of a DrChrono wire object, read without trusting the object (it may have failed validation). */

/** The id as text (appointment ids are strings, the rest numbers); null when absent or unusable. */
export function wireIdOf(wire: unknown): string | null {
  const id = typeof wire === 'object' && wire !== null ? (wire as { id?: unknown }).id : undefined;
  if (typeof id === 'number') return Number.isSafeInteger(id) ? String(id) : null;
  return typeof id === 'string' && /^[A-Za-z0-9_-]{1,64}$/.test(id) ? id : null;
}
