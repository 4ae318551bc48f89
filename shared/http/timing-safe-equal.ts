/** Constant-time string comparison for tokens and header secrets. */
import { createHash, timingSafeEqual } from 'node:crypto';

/**
 * True when `a` and `b` are equal, in time independent of where they differ
 * and of their lengths: both are hashed first, so timingSafeEqual always
 * compares 32 bytes and a length mismatch does not return early.
 */
export function timingSafeEqualStrings(a: string, b: string): boolean {
  const ha = createHash('sha256').update(a, 'utf8').digest();
  const hb = createHash('sha256').update(b, 'utf8').digest();
  return timingSafeEqual(ha, hb) && a.length === b.length;
}
