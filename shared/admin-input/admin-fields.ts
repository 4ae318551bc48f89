/**
 * Fields operators type into the admin endpoints and CLIs (POST /pharmacies,
 * POST /practices). Refused at the edge, before any credential is spent: a
 * DrChrono authorization code is single-use, so an input the database would
 * refuse afterwards costs the operator a new authorization.
 */
import { z } from 'zod';

/** A display name: trimmed, 1–200 characters, no NUL (PostgreSQL text cannot hold it). */
export const displayName = z
  .string()
  .trim()
  .min(1, 'required')
  .max(200, 'at most 200 characters')
  .refine((v) => !v.includes('\0'), 'must not contain the NUL character');

/**
 * The base URL of a vendor API: http(s), and nothing a path is joined onto
 * badly or that should not be stored and listed: no user:password part, no
 * query, no fragment.
 */
export const serviceBaseUrl = z
  .url({ protocol: /^https?$/, error: 'must be an http(s) URL' })
  .refine((v) => {
    const u = new URL(v);
    return u.username === '' && u.password === '' && u.search === '' && u.hash === '' && !v.includes('?') && !v.includes('#');
  }, 'must not contain credentials, a query or a fragment');
