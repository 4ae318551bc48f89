import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { uniquePharmacyId } from '../support/test-db.js';
import { startTestStack, storeOptions, type TestStack } from '../support/local-stack.js';
import { validSandboxIds } from '../support/sandbox-valid.js';
import { storedIds } from '../support/stored-records.js';
import { spawnCli } from '../support/spawn-cli.js';
import { systemClock } from '../../shared/time/clock.js';

const id = uniquePharmacyId('ph_e2e_kill');
const LEASE_SECONDS = '2';
let stack: TestStack;

beforeAll(async () => {
  stack = await startTestStack({
    stores: [storeOptions(id, { seed: 21, doctors: 20, prescriptions: 1_200, invalidPrescriptions: 2 })],
    env: { SYNC_LEASE_SECONDS: LEASE_SECONDS },
  });
  const res = await stack.post('/pharmacies', { id, name: 'Kill Pharmacy', drxBaseUrl: stack.sandbox.baseUrlFor(id), apiKey: stack.store(id).apiKey });
  expect(res.status, JSON.stringify(res.json)).toBeLessThan(300);
});
afterAll(() => stack.close());

describe('a sync killed mid-way', () => {
  it('leaves every record present exactly once after the next run', async () => {
    stack.store(id).setFaults({ latencyMs: 60 });
    const run = spawnCli(
      'sync',
      [id],
      {
        env: { DATABASE_URL: stack.databaseUrl, SECRETS_BACKEND: 'file', SECRETS_DIR: stack.secretsDir, SYNC_LEASE_SECONDS: LEASE_SECONDS, LOG_LEVEL: 'silent' },
        onLine: (_line, r) => {
          if (r.lines.filter((l) => / page \d+: offset /.test(l)).length === 3) r.child.kill('SIGKILL');
        },
      },
    );
    const exit = await run.exited;
    expect(exit.signal, `stdout:\n${run.lines.join('\n')}\nstderr:\n${run.stderr()}`).toBe('SIGKILL');
    expect(run.lines.filter((l) => / page \d+: offset /.test(l))).toHaveLength(3);
    const partial = await storedIds(stack.runtime.db, id);
    const valid = validSandboxIds(stack.store(id));
    expect(partial.prescriptions.length).toBeLessThan(valid.prescriptions.length);

    stack.store(id).setFaults({});
    // The killed holder cannot release its lease; the next run gets 409 until it expires.
    let res = await stack.post('/sync-now', { pharmacyId: id });
    for (let i = 0; res.status === 409 && i < 40; i++) {
      await systemClock.sleep(250);
      res = await stack.post('/sync-now', { pharmacyId: id });
    }
    expect(res.status, JSON.stringify(res.json)).toBe(200);
    expect(await storedIds(stack.runtime.db, id)).toEqual(valid);

    const log = await stack.runtime.db
      .selectFrom('integration_logs')
      .select(['status', 'kind'])
      .where('id', '=', String(res.json.runId))
      .executeTakeFirstOrThrow();
    expect(log).toEqual({ status: 'succeeded', kind: 'manual' });

    // The killed run's row does not stay 'running' forever: the next lease holder closes it.
    const others = await stack.runtime.db
      .selectFrom('integration_logs')
      .select(['status', 'error_code'])
      .where('pharmacy_id', '=', id)
      .where('kind', '=', 'manual')
      .where('id', '<>', String(res.json.runId))
      .execute();
    expect(others.length).toBeGreaterThan(0);
    expect(others.every((r) => r.status !== 'running')).toBe(true);
    expect(others.some((r) => r.error_code === 'abandoned')).toBe(true);
  });
});
