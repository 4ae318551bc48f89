import { afterAll, describe, expect, it } from 'vitest';
import { openTestDb, uniquePharmacyId } from '../../test/support/test-db.js';
import { consumeHourly, exhaustHourly } from './hourly-budget.js';

const handle = openTestDb();
afterAll(() => handle.close());

const at = (iso: string) => new Date(iso);

describe('hourly budget', () => {
  it('grants up to the limit in one hour, then says when the window resets', async () => {
    const key = `drchrono:${uniquePharmacyId()}`;
    for (let i = 0; i < 3; i++) expect(await consumeHourly(handle.db, key, 3, at('2026-03-10T10:05:00Z'))).toEqual({ ok: true });
    expect(await consumeHourly(handle.db, key, 3, at('2026-03-10T10:59:59Z'))).toEqual({ ok: false, resetsAt: at('2026-03-10T11:00:00Z') });
    expect(await consumeHourly(handle.db, key, 3, at('2026-03-10T11:00:00Z'))).toEqual({ ok: true });
  });

  it('is shared by concurrent callers: never more grants than the limit', async () => {
    const key = `drchrono:${uniquePharmacyId()}`;
    const results = await Promise.all(Array.from({ length: 12 }, () => consumeHourly(handle.db, key, 5, at('2026-03-10T10:30:00Z'))));
    expect(results.filter((r) => r.ok)).toHaveLength(5);
  });

  it('does not reset the window for a caller whose clock lags into the previous hour', async () => {
    const key = `drchrono:${uniquePharmacyId()}`;
    expect(await consumeHourly(handle.db, key, 1, at('2026-03-10T11:00:01Z'))).toEqual({ ok: true });
    expect((await consumeHourly(handle.db, key, 1, at('2026-03-10T10:59:59Z'))).ok).toBe(false);
  });

  it('a window marked exhausted (after a 429) refuses until the next hour', async () => {
    const key = `drchrono:${uniquePharmacyId()}`;
    expect(await consumeHourly(handle.db, key, 100, at('2026-03-10T10:01:00Z'))).toEqual({ ok: true });
    expect(await exhaustHourly(handle.db, key, 100, at('2026-03-10T10:02:00Z'))).toEqual(at('2026-03-10T11:00:00Z'));
    expect((await consumeHourly(handle.db, key, 100, at('2026-03-10T10:30:00Z'))).ok).toBe(false);
    expect(await consumeHourly(handle.db, key, 100, at('2026-03-10T11:00:00Z'))).toEqual({ ok: true });
  });
});
