/**
 * The bounds of a retention period, shared by the endpoint, the CLI, the
 * config and the cleanup itself. Past about 270,000 years the cutoff is not
 * a valid date at all (a 500), and anything near that is a typo; ten years
 * is beyond any legal hold we keep raw webhook bodies for.
 */
import { z } from 'zod';

export const MIN_RETENTION_DAYS = 1;
export const MAX_RETENTION_DAYS = 3650;

/** A whole number of days in [MIN_RETENTION_DAYS, MAX_RETENTION_DAYS]. */
export const retentionDaysSchema = z.number().int().min(MIN_RETENTION_DAYS).max(MAX_RETENTION_DAYS);

/** True for a retention runCleanup accepts. */
export function isRetentionDays(n: number): boolean {
  return retentionDaysSchema.safeParse(n).success;
}
