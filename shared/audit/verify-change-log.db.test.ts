import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import type { Db, DbHandle } from '../db/create-db.js';
import { newPractice, nextDrchronoId, patientRow } from '../ehr-store/ehr-fixtures.testkit.js';
import { upsertMirror } from '../ehr-store/upsert-mirror.js';
import { withActor } from '../ehr-store/with-actor.js';
import { openTestDb } from '../../test/support/test-db.js';
import { verifyChangeLog } from './verify-change-log.js';

let h: DbHandle;
let practice: string;
beforeAll(async () => {
  h = openTestDb(6);
  practice = await newPractice(h.db);
});
afterAll(async () => {
  await h.close();
});

/** Writes `n` rows as `n` small transactions, each creating then changing a patient. */
async function writer(n: number): Promise<string[]> {
  const ids: string[] = [];
  for (let i = 0; i < n; i++) {
    const id = nextDrchronoId();
    ids.push(id);
    await h.db.transaction().execute(async (trx) => {
      await withActor(trx, 'drchrono_sync');
      await upsertMirror(trx, practice, 'patients', [patientRow(id)]);
      await upsertMirror(trx, practice, 'patients', [patientRow(id, 'Changed')]);
    });
  }
  return ids;
}

async function auditIdsOf(db: Db, drchronoIds: readonly string[]): Promise<string[]> {
  const rows = await db.selectFrom('change_log').select('id').where('table_name', '=', 'patients')
    .where('drchrono_id', 'in', [...drchronoIds]).orderBy('id').execute();
  return rows.map((r) => r.id);
}

/** Runs `tamper` and the check in a transaction that is always rolled back, so no other test sees a broken chain. */
async function tampered<T>(tamper: (trx: Db) => Promise<unknown>, check: (trx: Db) => Promise<T>): Promise<T> {
  const trx = await h.db.startTransaction().execute();
  try {
    await tamper(trx);
    return await check(trx);
  } finally {
    await trx.rollback().execute();
  }
}

describe('verifyChangeLog', () => {
  let ids: string[] = [];
  let auditIds: string[] = [];

  beforeAll(async () => {
    const [a, b] = await Promise.all([writer(15), writer(15)]);
    ids = [...a, ...b];
    auditIds = await auditIdsOf(h.db, ids);
  });

  it('finds the chain intact after many writes from two concurrent writers', async () => {
    expect(auditIds).toHaveLength(60);
    const fromFirst = await verifyChangeLog(h.db, { fromId: auditIds[0]!, batchSize: 7 });
    expect(fromFirst).toMatchObject({ ok: true });
    expect(fromFirst.checked).toBeGreaterThanOrEqual(60);
    const whole = await verifyChangeLog(h.db);
    expect(whole.ok).toBe(true);
    expect(whole.checked).toBeGreaterThan(fromFirst.checked - 1);
  });

  it('names a row whose hash was overwritten as the first broken link', async () => {
    const victim = auditIds[30]!;
    const result = await tampered(
      (trx) => trx.updateTable('change_log').set({ hash: 'f'.repeat(64) }).where('id', '=', victim).execute(),
      (trx) => verifyChangeLog(trx, { fromId: auditIds[0]!, batchSize: 5 }),
    );
    expect(result).toMatchObject({ ok: false, firstBrokenId: victim, reason: expect.stringContaining('row contents') as string });
  });

  it('names a row whose drchrono_id was edited, even when the whole chain is walked', async () => {
    const victim = auditIds[11]!;
    const result = await tampered(
      (trx) => trx.updateTable('change_log').set({ drchrono_id: '1' }).where('id', '=', victim).execute(),
      (trx) => verifyChangeLog(trx),
    );
    expect(result).toMatchObject({ ok: false, firstBrokenId: victim });
  });

  it('names the row after one that was removed from the chain', async () => {
    const victim = auditIds[20]!;
    const result = await tampered(
      (trx) => trx.deleteFrom('change_log').where('id', '=', victim).execute(),
      async (trx) => {
        const next = await sql<{ id: string }>`select min(id)::text as id from change_log where id > ${victim}::bigint`.execute(trx);
        return { verdict: await verifyChangeLog(trx, { fromId: auditIds[0]! }), next: next.rows[0]?.id };
      },
    );
    expect(result.verdict).toMatchObject({ ok: false, firstBrokenId: result.next, reason: expect.stringContaining('prev_hash') as string });
  });

  it('checks nothing and reports ok when starting past the last row', async () => {
    expect(await verifyChangeLog(h.db, { fromId: '900000000000000' })).toEqual({ ok: true, checked: 0 });
  });
});
