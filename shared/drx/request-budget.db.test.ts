import { afterAll, describe, expect, it } from 'vitest';
import { openTestDb, uniquePharmacyId } from '../../test/support/test-db.js';
import { ManualClock } from '../time/clock.js';
import { createPostgresRequestBudget, reserveSlot } from './postgres-request-budget.js';
import { unlimitedBudget } from './request-budget.js';

// Two pools stand for two instances sharing one database.
const instanceA = openTestDb(3);
const instanceB = openTestDb(3);
afterAll(async () => {
  await instanceA.close();
  await instanceB.close();
});

describe('reserveSlot', () => {
  it('gives two instances sharing a key ten distinct slots at least one interval apart', async () => {
    const key = `drx:${uniquePharmacyId()}`;
    const intervalMs = 250;
    const reservations = await Promise.all(
      Array.from({ length: 10 }, (_, i) => reserveSlot((i % 2 === 0 ? instanceA : instanceB).db, key, intervalMs)),
    );
    const slots = reservations.map((r) => r.slotAt.getTime()).sort((a, b) => a - b);
    expect(new Set(slots).size).toBe(10);
    for (let i = 1; i < slots.length; i++) expect(slots[i]! - slots[i - 1]!).toBeGreaterThanOrEqual(intervalMs);
  });

  it('keeps different keys independent', async () => {
    const a = await reserveSlot(instanceA.db, `drx:${uniquePharmacyId()}`, 60_000);
    const b = await reserveSlot(instanceA.db, `drx:${uniquePharmacyId()}`, 60_000);
    // Each key's first slot is "now", not a minute after the other key's.
    expect(a.slotAt.getTime()).toBeLessThanOrEqual(a.dbNow.getTime());
    expect(b.slotAt.getTime()).toBeLessThanOrEqual(b.dbNow.getTime());
  });

  it('never hands out a slot in the past after a long idle gap', async () => {
    const key = `drx:${uniquePharmacyId()}`;
    await instanceA.db.insertInto('request_budgets').values({ budget_key: key, next_slot_at: new Date('2020-01-01T00:00:00Z') }).execute();
    const r = await reserveSlot(instanceA.db, key, 1000);
    expect(r.slotAt.getTime()).toBeGreaterThan(new Date('2025-01-01T00:00:00Z').getTime());
    expect(r.slotAt.getTime()).toBeLessThanOrEqual(r.dbNow.getTime());
  });
});

describe('createPostgresRequestBudget', () => {
  it('makes a burst of acquisitions wait for their slots on the clock it is given', async () => {
    const clock = new ManualClock();
    // 0.5 requests/s: one slot every 2 s.
    const budget = createPostgresRequestBudget(instanceA.db, `drx:${uniquePharmacyId()}`, 0.5, clock);
    for (let i = 0; i < 3; i++) await budget.acquire();
    // The first slot is free at once; the third is 4 s after the first, less the time the statements took.
    expect(clock.sleeps.length).toBeGreaterThanOrEqual(2);
    const last = clock.sleeps.at(-1) ?? 0;
    expect(last).toBeGreaterThan(2000);
    expect(last).toBeLessThanOrEqual(4000);
  });

  it('shares one budget between two instances using the same key', async () => {
    const key = `drx:${uniquePharmacyId()}`;
    const clockA = new ManualClock();
    const clockB = new ManualClock();
    const a = createPostgresRequestBudget(instanceA.db, key, 0.25, clockA);
    const b = createPostgresRequestBudget(instanceB.db, key, 0.25, clockB);
    await a.acquire();
    await b.acquire();
    // B's request came second, so B (not A) waits close to one 4 s interval.
    expect(clockA.sleeps).toEqual([]);
    expect(clockB.sleeps.at(-1) ?? 0).toBeGreaterThan(2000);
  });

  it('is unlimited at 0 requests per second and never touches the table', async () => {
    const key = `drx:${uniquePharmacyId()}`;
    const budget = createPostgresRequestBudget(instanceA.db, key, 0, new ManualClock());
    expect(budget).toBe(unlimitedBudget);
    await budget.acquire();
    const rows = await instanceA.db.selectFrom('request_budgets').where('budget_key', '=', key).selectAll().execute();
    expect(rows).toEqual([]);
  });

  it('refuses to acquire for a caller that has already given up', async () => {
    const budget = createPostgresRequestBudget(instanceA.db, `drx:${uniquePharmacyId()}`, 1, new ManualClock());
    await expect(budget.acquire(AbortSignal.abort(new Error('caller gave up')))).rejects.toThrow('caller gave up');
  });
});
