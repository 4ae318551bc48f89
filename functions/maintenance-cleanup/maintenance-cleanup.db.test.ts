import { describe, expect, it } from 'vitest';
import { ManualClock } from '../../shared/time/clock.js';
import { ADMIN_JSON as admin, useFunctionServer } from '../function-server.testkit.js';
import './index.js';

const NOW = new Date('1970-06-01T00:00:00Z');
const fn = useFunctionServer('maintenanceCleanup', { env: { RETENTION_DAYS_RAW_WEBHOOKS: '45' }, overrides: { clock: new ManualClock(NOW) } });


describe('maintenanceCleanup', () => {
  it('answers 401 without credentials', async () => {
    const res = await fn.post('/', '', { 'content-type': 'application/json' });
    expect(res.status).toBe(401);
  });

  it('answers 405 to anything but POST', async () => {
    const res = await fetch(`${fn.url}/`, { headers: admin });
    expect(res.status).toBe(405);
  });

  it('answers 400 for a retention under one day or an unknown field', async () => {
    const zero = await fn.post('/', '{"retentionDays":0}');
    expect(zero.status).toBe(400);
    const extra = await fn.post('/', '{"days":3}');
    expect(((await extra.json()) as { error: { code: string } }).error.code).toBe('invalid_body');
  });

  it('answers 400 naming retentionDays for a retention over ten years, instead of failing on the date', async () => {
    for (const days of [3651, 1_000_000_000]) {
      const res = await fn.post('/', JSON.stringify({ retentionDays: days }));
      expect(res.status).toBe(400);
      expect(((await res.json()) as { error: { code: string; message: string } }).error).toMatchObject({
        code: 'invalid_body',
        message: expect.stringMatching(/^retentionDays: /) as string,
      });
    }
    expect((await fn.post('/', '{"retentionDays":3650}')).status).toBe(200);
  });

  it('runs the cleanup on a bare POST with the configured retention and answers its report', async () => {
    // The clock sits in 1970, so the cutoff precedes every row any test writes: this run removes nothing
    // and cannot race the exact counts of shared/maintenance/cleanup.db.test.ts (which covers what is cleared).
    const res = await fn.post('/', '');
    expect(res.status).toBe(200);
    const report = (await res.json()) as { rawBodiesCleared: number; payloadsCleared: number; outboxDeleted: number; runId: string; complete: boolean };
    expect(report).toEqual({ rawBodiesCleared: 0, payloadsCleared: 0, outboxDeleted: 0, runId: expect.any(String) as string, complete: true });
    const log = await fn.rt.db.selectFrom('integration_logs').select(['kind', 'status', 'started_at', 'details', 'correlation_id'])
      .where('id', '=', report.runId).executeTakeFirstOrThrow();
    expect(log).toMatchObject({ kind: 'maintenance', status: 'succeeded', details: { retentionDays: 45, cutoff: '1970-04-17T00:00:00.000Z' } });
    expect(log.started_at.toISOString()).toBe(NOW.toISOString());
    expect(log.correlation_id).toBe(res.headers.get('x-correlation-id'));
  });

  it('takes the retention from the body when given', async () => {
    const res = await fn.post('/', '{"retentionDays":1}');
    const report = (await res.json()) as { runId: string };
    const log = await fn.rt.db.selectFrom('integration_logs').select('details').where('id', '=', report.runId).executeTakeFirstOrThrow();
    expect(log.details).toMatchObject({ retentionDays: 1, cutoff: '1970-05-31T00:00:00.000Z' });
  });
});
