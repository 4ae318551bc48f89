/** A practice's hourly request budget as the requester uses it: take a slot, or stop until the hour resets. */
import type { Db } from '../db/create-db.js';
import type { AppError } from '../errors/app-error.js';
import type { Clock } from '../time/clock.js';
import { budgetExhaustedError, consumeHourly, exhaustHourly, practiceBudgetKey } from './hourly-budget.js';

/** The budget of `practiceId` (`drchrono:<id>`, `requestsPerHour` per clock hour), shared by every instance. */
export function practiceBudget(db: Db, clock: Clock, practiceId: string, requestsPerHour: number): { take(): Promise<void>; rateLimited(): Promise<AppError> } {
  const key = practiceBudgetKey(practiceId);
  return {
    async take() {
      const now = clock.now();
      const slot = await consumeHourly(db, key, requestsPerHour, now);
      if (!slot.ok) throw budgetExhaustedError(practiceId, slot.resetsAt, now);
    },
    async rateLimited() {
      // A 429 without a Retry-After we can wait out (DrChrono sends none): its window resets on the hour, so ours does too.
      const now = clock.now();
      return budgetExhaustedError(practiceId, await exhaustHourly(db, key, requestsPerHour, now), now);
    },
  };
}
