// The audit and cleanup CLIs as real child processes, on a database of their own:
// the chain is broken on purpose there, where no other test can see it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomBytes, randomUUID } from 'node:crypto';
import pg from 'pg';
import { createDb, type DbHandle } from '../../shared/db/create-db.js';
import { migrate } from '../../shared/db/migrate.js';
import { newPractice, nextDrchronoId, patientRow } from '../../shared/ehr-store/ehr-fixtures.testkit.js';
import { upsertMirror } from '../../shared/ehr-store/upsert-mirror.js';
import { ensureDatabase } from '../postgres/embedded-postgres.js';
import { spawnCli } from '../../test/support/spawn-cli.js';
import { testDatabaseUrl } from '../../test/support/test-db.js';

const database = `rxbridge_cli_${randomBytes(4).toString('hex')}`;
let url: string;
let h: DbHandle;

function withDatabase(base: string, name: string): string {
  const u = new URL(base);
  u.pathname = `/${name}`;
  return u.toString();
}

beforeAll(async () => {
  const admin = withDatabase(testDatabaseUrl(), 'postgres');
  await ensureDatabase(admin, database);
  url = withDatabase(testDatabaseUrl(), database);
  const pool = new pg.Pool({ connectionString: url, max: 1 });
  try {
    await migrate(pool);
  } finally {
    await pool.end();
  }
  h = createDb(url, { max: 2 });
});

afterAll(async () => {
  await h.close();
  const admin = new pg.Client({ connectionString: withDatabase(testDatabaseUrl(), 'postgres') });
  await admin.connect();
  await admin.query(`drop database if exists "${database}" with (force)`).catch(() => undefined);
  await admin.end();
});

async function cli(name: string, args: string[]) {
  const run = spawnCli(name, args, { env: { DATABASE_URL: url, LOG_LEVEL: 'silent' } });
  const { code } = await run.exited;
  return { code, out: run.lines.join('\n'), err: run.stderr() };
}

describe('npm run audit -- verify', () => {
  it('exits 0 on an intact chain, and 1 naming the first broken id once a row is altered', async () => {
    const practice = await newPractice(h.db);
    await upsertMirror(h.db, practice, 'patients', [1, 2, 3, 4].map(() => patientRow(nextDrchronoId())));
    const ok = await cli('audit', ['verify']);
    expect(ok.code, ok.err).toBe(0);
    expect(ok.out).toBe('change_log intact: 4 rows checked');

    const ids = (await h.db.selectFrom('change_log').select('id').orderBy('id').execute()).map((r) => r.id);
    await h.db.updateTable('change_log').set({ actor: 'admin' }).where('id', '=', ids[2]!).execute();
    const broken = await cli('audit', ['verify', '--json']);
    expect(broken.code).toBe(1);
    expect(JSON.parse(broken.out)).toEqual({ ok: false, checked: 2, firstBrokenId: ids[2], reason: expect.stringContaining('altered') as string });
    const fromLast = await cli('audit', ['verify', '--from', ids[3]!]);
    expect(fromLast.out).toBe('change_log intact: 1 rows checked');
  });

  it.each([['abc'], ['0'], ['9223372036854775808']])('rejects a --from that is not an id: %s', async (from) => {
    const r = await cli('audit', ['verify', '--from', from]);
    expect(r.code).toBe(1);
    expect(r.err).toContain('expected a change_log id (a positive whole number');
  });
});

describe('npm run cleanup', () => {
  it('clears old finished deliveries and prints what it removed', async () => {
    const id = randomUUID();
    await h.db.insertInto('sync_events').values({
      id, direction: 'inbound', source: 'cli-test', kind: 'webhook', pharmacy_id: null, idempotency_key: id, correlation_id: id,
      payload: '{}', raw_body: 'x', status: 'dead', next_attempt_at: null, last_error: null, processed_at: null,
      received_at: new Date(Date.now() - 10 * 86_400_000),
    }).execute();
    const r = await cli('cleanup', ['--retention-days', '7']);
    expect(r.code, r.err).toBe(0);
    expect(r.out).toMatch(/^cleanup \(retention 7 days\): 1 raw bodies and 1 payloads cleared, \d+ published outbox rows deleted \(run [0-9a-f-]{36}\)$/);
    const again = await cli('cleanup', ['--retention-days', '7', '--json']);
    expect(JSON.parse(again.out)).toMatchObject({ rawBodiesCleared: 0, payloadsCleared: 0 });
    const bad = await cli('cleanup', ['--retention-days', '0']);
    expect(bad.code).toBe(1);
    const tooLong = await cli('cleanup', ['--retention-days', '3651']);
    expect(tooLong.code).toBe(1);
    expect(tooLong.err).toMatch(/3650/);
  });
});
