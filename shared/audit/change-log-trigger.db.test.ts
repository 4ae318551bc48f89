import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import type { Db, DbHandle } from '../db/create-db.js';
import { markDeleted } from '../ehr-store/mark-deleted.js';
import { upsertMirror } from '../ehr-store/upsert-mirror.js';
import { withActor } from '../ehr-store/with-actor.js';
import { newPractice, nextDrchronoId, patientRow } from '../ehr-store/ehr-fixtures.testkit.js';
import { openTestDb } from '../../test/support/test-db.js';
import { changeLogHash } from './change-log-hash.js';

let h: DbHandle;
beforeAll(() => {
  h = openTestDb();
});
afterAll(async () => {
  await h.close();
});

/** The audit and outbox rows a transaction left, seen from inside it (ids are 'after' the marks). */
async function marks(db: Db): Promise<{ log: string; outbox: string }> {
  const r = await sql<{ log: string; outbox: string }>`
    select coalesce((select max(id) from change_log), 0)::text as log, coalesce((select max(id) from outbox), 0)::text as outbox`.execute(db);
  return r.rows[0]!;
}

async function auditFor(db: Db, table: string, drchronoId: string) {
  return db.selectFrom('change_log').selectAll().where('table_name', '=', table).where('drchrono_id', '=', drchronoId).orderBy('id').execute();
}

async function eventsFor(db: Db, table: string, id: string) {
  return db.selectFrom('outbox').select(['topic', 'pharmacy_id', 'payload']).where('topic', '=', 'change-events')
    .where(sql<boolean>`payload->>'table' = ${table} and payload->>'id' = ${id}`).orderBy('id').execute();
}

describe('the EHR audit trigger', () => {
  it('records each insert, update and soft delete once, with the actor, and one id-only change event each', async () => {
    const practice = await newPractice(h.db);
    const id = nextDrchronoId();
    const steps = [
      { actor: 'drchrono_webhook', write: (trx: Db) => upsertMirror(trx, practice, 'patients', [patientRow(id)]) },
      { actor: 'drchrono_sync', write: (trx: Db) => upsertMirror(trx, practice, 'patients', [patientRow(id, 'Roe')]) },
      { actor: 'admin', write: (trx: Db) => markDeleted(trx, 'patients', [id]) },
    ] as const;
    for (const step of steps) {
      await h.db.transaction().execute(async (trx) => {
        await withActor(trx, step.actor);
        await step.write(trx);
      });
    }
    const audit = await auditFor(h.db, 'patients', id);
    expect(audit.map((a) => [a.operation, a.actor])).toEqual([
      ['insert', 'drchrono_webhook'], ['update', 'drchrono_sync'], ['delete', 'admin'],
    ]);
    expect(audit[2]?.changed_columns).toEqual(['deleted_at']);
    const rowId = audit[0]!.row_id;
    const events = await eventsFor(h.db, 'patients', rowId);
    expect(events.map((e) => e.payload.operation)).toEqual(['insert', 'update', 'delete']);
    expect(events[0]).toEqual({
      topic: 'change-events',
      pharmacy_id: null,
      payload: { type: 'ehr.change', table: 'patients', operation: 'insert', id: rowId, drchronoId: id, practiceId: practice, at: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}Z$/) as string },
    });
  });

  it('writes nothing when a transaction rolls back', async () => {
    const practice = await newPractice(h.db);
    const id = nextDrchronoId();
    const trx = await h.db.startTransaction().execute();
    await withActor(trx, 'drchrono_sync');
    await upsertMirror(trx, practice, 'patients', [patientRow(id)]);
    expect(await auditFor(trx, 'patients', id)).toHaveLength(1);
    await trx.rollback().execute();
    expect(await auditFor(h.db, 'patients', id)).toHaveLength(0);
    const leaked = await h.db.selectFrom('outbox').select('id').where(sql<boolean>`payload->>'drchronoId' = ${id}`).execute();
    expect(leaked).toHaveLength(0);
  });

  it('ignores an update that only touches synced_at, and records a writer that named no actor as unknown', async () => {
    const practice = await newPractice(h.db);
    const id = nextDrchronoId();
    await upsertMirror(h.db, practice, 'patients', [patientRow(id)]);
    await h.db.updateTable('patients').set({ synced_at: new Date('2030-01-01T00:00:00Z') }).where('drchrono_id', '=', id).execute();
    const audit = await auditFor(h.db, 'patients', id);
    expect(audit.map((a) => [a.operation, a.actor])).toEqual([['insert', 'unknown']]);
    expect(await eventsFor(h.db, 'patients', audit[0]!.row_id)).toHaveLength(1);
  });

  it('audits a hard delete and a Deep Cura note as well', async () => {
    const practice = await newPractice(h.db);
    const id = nextDrchronoId();
    await upsertMirror(h.db, practice, 'patients', [patientRow(id)]);
    await h.db.deleteFrom('patients').where('drchrono_id', '=', id).execute();
    expect((await auditFor(h.db, 'patients', id)).map((a) => a.operation)).toEqual(['insert', 'delete']);

    const eventId = randomUUID();
    const noteId = await h.db.transaction().execute(async (trx) => {
      await withActor(trx, 'deepcura');
      await trx.insertInto('sync_events').values({
        id: eventId, direction: 'inbound', source: 'deepcura', kind: 'gridhook', pharmacy_id: null, practice_id: practice,
        idempotency_key: eventId, correlation_id: eventId, payload: null, raw_body: null, status: 'applied',
        next_attempt_at: null, last_error: null, processed_at: null, locked_until: null,
      }).execute();
      const note = await trx.insertInto('deepcura_notes').values({
        sync_event_id: eventId, practice_id: practice, drchrono_appointment_id: null, drchrono_patient_id: null,
        drchrono_doctor_id: null, session_date: null, transcript: 't', soap_subjective: null, soap_objective: null,
        soap_assessment: null, soap_plan: null, icd10_codes: '[]', cpt_codes: '[]', medication_mentions: '[]',
        billing_summary: null, risk_assessment: null, clinical_note_id: null, link_method: null, linked_at: null,
      }).returning('id').executeTakeFirstOrThrow();
      return note.id;
    });
    const audit = await h.db.selectFrom('change_log').select(['operation', 'actor', 'drchrono_id'])
      .where('table_name', '=', 'deepcura_notes').where('row_id', '=', noteId).execute();
    expect(audit).toEqual([{ operation: 'insert', actor: 'deepcura', drchrono_id: null }]);
    expect((await eventsFor(h.db, 'deepcura_notes', noteId)).map((e) => e.payload.practiceId)).toEqual([practice]);
  });

  it('links each row to the one before it, with the hash the TypeScript formula gives', async () => {
    const practice = await newPractice(h.db);
    const before = await marks(h.db);
    await upsertMirror(h.db, practice, 'patients', [patientRow(nextDrchronoId()), patientRow(nextDrchronoId())]);
    const rows = await sql<{ id: string; table_name: string; operation: string; row_id: string; drchrono_id: string | null; actor: string; at: string; changed_columns: string[]; prev_hash: string; hash: string }>`
      select id::text, table_name, operation, row_id::text, drchrono_id, actor, changed_columns, prev_hash, hash,
        to_char(changed_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') as at
      from change_log c where c.id >= (select max(id) from change_log where id <= ${before.log}::bigint) order by c.id`.execute(h.db);
    expect(rows.rows.length).toBeGreaterThanOrEqual(2);
    for (const [i, r] of rows.rows.entries()) {
      if (i > 0) expect(r.prev_hash).toBe(rows.rows[i - 1]!.hash);
      expect(changeLogHash({ prevHash: r.prev_hash, tableName: r.table_name, operation: r.operation, rowId: r.row_id,
        drchronoId: r.drchrono_id, actor: r.actor, changedAt: r.at, changedColumns: r.changed_columns })).toBe(r.hash);
    }
  });

  it('the SQL and TypeScript formulas agree on awkward values', async () => {
    const cases = [
      { prevHash: '0'.repeat(64), tableName: 'patients', operation: 'insert', rowId: '1', drchronoId: null, actor: 'unknown', changedAt: '2026-01-02T03:04:05.123456Z', changedColumns: [] },
      { prevHash: 'ab'.repeat(32), tableName: 'appointments', operation: 'delete', rowId: '9007199254740993', drchronoId: 'Ä|é 1', actor: 'admin', changedAt: '1999-12-31T23:59:59.000001Z', changedColumns: ['deleted_at', 'raw'] },
    ];
    for (const c of cases) {
      const r = await sql<{ hash: string }>`select change_log_hash(${c.prevHash}, ${c.tableName}, ${c.operation}, ${c.rowId}::bigint,
        ${c.drchronoId}, ${c.actor}, ${c.changedAt}::timestamptz, ${c.changedColumns}::text[]) as hash`.execute(h.db);
      expect(r.rows[0]?.hash).toBe(changeLogHash(c));
    }
  });
});
