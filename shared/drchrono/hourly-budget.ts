/**
 * A fixed-window request budget shared by every instance (DrChrono resets its
 * limit on the hour). One statement takes a slot: a new hour resets the count,
 * and the count only grows while it is under the limit.
 */
import { sql } from 'kysely';
import type { Db } from '../db/create-db.js';
import { AppError } from '../errors/app-error.js';

export type HourlyConsume = { ok: true } | { ok: false; resetsAt: Date };

const HOUR_MS = 3_600_000;

/** The start of the hour `now` falls in (UTC: whole-hour windows whatever the zone). */
export function hourStart(now: Date): Date {
  return new Date(Math.floor(now.getTime() / HOUR_MS) * HOUR_MS);
}

/** Takes one request slot of `key` for the hour of `now`, or says when the window resets. */
export async function consumeHourly(db: Db, key: string, limit: number, now: Date): Promise<HourlyConsume> {
  const windowStart = hourStart(now);
  // An instance whose clock lags must not move the window back: the later window wins.
  const result = await sql<{ used: number }>`
    insert into hourly_budgets as b (budget_key, window_start, used)
    values (${key}, ${windowStart}, 1)
    on conflict (budget_key) do update
      set window_start = greatest(b.window_start, excluded.window_start),
          used = case when excluded.window_start > b.window_start then 1 else b.used + 1 end
      where excluded.window_start > b.window_start or b.used < ${limit}
    returning used
  `.execute(db);
  if (result.rows.length > 0 && limit > 0) return { ok: true };
  return { ok: false, resetsAt: new Date(windowStart.getTime() + HOUR_MS) };
}

/** Marks the window of `now` spent (DrChrono said 429): nobody asks again before the next hour. */
export async function exhaustHourly(db: Db, key: string, limit: number, now: Date): Promise<Date> {
  const windowStart = hourStart(now);
  await sql`
    insert into hourly_budgets as b (budget_key, window_start, used)
    values (${key}, ${windowStart}, ${limit})
    on conflict (budget_key) do update
      set window_start = greatest(b.window_start, excluded.window_start),
          used = case when excluded.window_start > b.window_start then ${limit} else greatest(b.used, ${limit}) end
  `.execute(db);
  return new Date(windowStart.getTime() + HOUR_MS);
}

/** The budget key of a practice. */
export function practiceBudgetKey(practiceId: string): string {
  return `drchrono:${practiceId}`;
}

/** The retryable error callers stop on (as partial); details.resetsAt says when to come back. */
export function budgetExhaustedError(practiceId: string, resetsAt: Date, now: Date): AppError {
  return new AppError(
    'retryable',
    'drchrono_budget_exhausted',
    `the hourly DrChrono request budget of ${practiceId} is spent until ${resetsAt.toISOString()}`,
    { practiceId, resetsAt: resetsAt.toISOString() },
    { retryAfterSeconds: Math.max(1, Math.ceil((resetsAt.getTime() - now.getTime()) / 1000)) },
  );
}
