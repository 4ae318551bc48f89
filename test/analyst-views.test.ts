import { afterAll, describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { openTestDb, uniquePharmacyId } from './support/test-db.js';

const h = openTestDb();
afterAll(() => h.close());

async function logRun(pharmacyId: string, status: 'succeeded' | 'failed' | 'partial', startedAt: string, durationMs: number, errorCode: string | null = null) {
  const started = new Date(startedAt);
  await h.db
    .insertInto('integration_logs')
    .values({
      id: randomUUID(),
      correlation_id: randomUUID(),
      source: 'drx',
      kind: 'scheduled',
      pharmacy_id: pharmacyId,
      status,
      started_at: started,
      finished_at: new Date(started.getTime() + durationMs),
      duration_ms: durationMs,
      created: 2,
      counts: '{}',
      error_code: errorCode,
      error: errorCode ? `masked ${errorCode}` : null,
      details: '{}',
    })
    .execute();
}

describe('analyst views', () => {
  it('answer runs per day, failure reasons, p50/p95 durations and freshness for a pharmacy', async () => {
    const id = uniquePharmacyId();
    await h.db.insertInto('pharmacies').values({ id, name: 'Views Pharmacy' }).execute();
    await logRun(id, 'succeeded', '2026-03-01T10:00:00Z', 100);
    await logRun(id, 'succeeded', '2026-03-01T11:00:00Z', 300);
    await logRun(id, 'failed', '2026-03-01T12:00:00Z', 50, 'invalid_drx_key');
    await logRun(id, 'partial', '2026-03-02T12:00:00Z', 70, 'drx_unavailable');

    const perDay = await sql<{ day: string; status: string; runs: string; created: string }>`
      select day::text as day, status, runs::text as runs, created::text as created from analyst_runs_per_day where pharmacy_id = ${id} order by day, status`.execute(h.db);
    expect(perDay.rows).toEqual([
      { day: '2026-03-01', status: 'failed', runs: '1', created: '2' },
      { day: '2026-03-01', status: 'succeeded', runs: '2', created: '4' },
      { day: '2026-03-02', status: 'partial', runs: '1', created: '2' },
    ]);

    const reasons = await sql<{ error_code: string; runs: string }>`
      select error_code, runs::text as runs from analyst_failure_reasons where pharmacy_id = ${id} order by error_code`.execute(h.db);
    expect(reasons.rows).toEqual([
      { error_code: 'drx_unavailable', runs: '1' },
      { error_code: 'invalid_drx_key', runs: '1' },
    ]);

    // Day 1 durations 50, 100, 300: median 100; p95 by linear interpolation = 100 + 0.9 * 200 = 280.
    const dur = await sql<{ p50_ms: number; p95_ms: number }>`
      select p50_ms, p95_ms from analyst_run_durations where pharmacy_id = ${id} and day = '2026-03-01'`.execute(h.db);
    expect(dur.rows[0]).toEqual({ p50_ms: 100, p95_ms: 280 });

    const fresh = await sql<{ last_good_sync_at: Date; latest_run_status: string }>`
      select last_good_sync_at, latest_run_status from analyst_freshness where pharmacy_id = ${id}`.execute(h.db);
    expect(fresh.rows[0]?.last_good_sync_at.toISOString()).toBe('2026-03-01T11:00:00.300Z');
    expect(fresh.rows[0]?.latest_run_status).toBe('partial');
  });
});
