import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DbHandle } from '../db/create-db.js';
import { openTestDb } from '../../test/support/test-db.js';
import {
  appointmentRow,
  clinicalNoteRow,
  insuranceRow,
  medicationRow,
  newPractice,
  nextDrchronoId,
  patientRow,
} from './ehr-fixtures.testkit.js';
import { markDeleted, markMissingDeleted } from './mark-deleted.js';
import { upsertInsurances } from './upsert-insurances.js';
import { upsertMirror } from './upsert-mirror.js';
import { withActor } from './with-actor.js';

let h: DbHandle;
beforeAll(() => {
  h = openTestDb();
});
afterAll(async () => {
  await h.close();
});

async function auditRows(table: string, drchronoIds: readonly string[]) {
  return h.db
    .selectFrom('change_log')
    .select(['operation', 'drchrono_id', 'actor', 'changed_columns'])
    .where('table_name', '=', table)
    .where('drchrono_id', 'in', [...drchronoIds])
    .orderBy('id')
    .execute();
}

describe('upsertMirror', () => {
  it('creates new rows, reports them, and a replay changes nothing and writes no audit rows', async () => {
    const practice = await newPractice(h.db);
    const rows = [patientRow(nextDrchronoId()), patientRow(nextDrchronoId()), patientRow(nextDrchronoId())];
    const ids = rows.map((r) => r.drchrono_id);
    const first = await h.db.transaction().execute(async (trx) => {
      await withActor(trx, 'drchrono_sync');
      return upsertMirror(trx, practice, 'patients', rows);
    });
    expect(first).toMatchObject({ created: 3, updated: 0, unchanged: 0, notesDated: [] });
    expect(first.changed.map((c) => [c.drchronoId, c.op])).toEqual(ids.map((id) => [id, 'insert']));
    const stored = await h.db.selectFrom('patients').selectAll().where('drchrono_id', 'in', ids).orderBy('drchrono_id').execute();
    expect(stored.map((p) => [p.id, p.practice_id, p.date_of_birth, p.deleted_at])).toEqual(
      first.changed.map((c) => [c.id, practice, '1980-02-29', null]),
    );
    expect(stored[0]?.raw).toEqual({ id: Number(ids[0]), last_name: 'Doe' });

    const replay = await h.db.transaction().execute((trx) => upsertMirror(trx, practice, 'patients', rows));
    expect(replay).toEqual({ created: 0, updated: 0, unchanged: 3, changed: [], notesDated: [] });
    const audit = await auditRows('patients', ids);
    expect(audit.map((a) => [a.operation, a.actor])).toEqual(ids.map(() => ['insert', 'drchrono_sync']));
  });

  it('updates only rows whose content hash changed, and the last duplicate in a batch wins', async () => {
    const practice = await newPractice(h.db);
    const [a, b] = [nextDrchronoId(), nextDrchronoId()];
    await upsertMirror(h.db, practice, 'patients', [patientRow(a), patientRow(b)]);
    const result = await upsertMirror(h.db, practice, 'patients', [patientRow(a, 'Roe'), patientRow(b), patientRow(a, 'Poe')]);
    expect(result).toMatchObject({ created: 0, updated: 1, unchanged: 2 });
    expect(result.changed).toEqual([{ id: expect.any(String) as string, drchronoId: a, op: 'update' }]);
    const stored = await h.db.selectFrom('patients').select('last_name').where('drchrono_id', '=', a).executeTakeFirstOrThrow();
    expect(stored.last_name).toBe('Poe');
    const audit = await auditRows('patients', [a]);
    expect(audit.map((x) => x.operation)).toEqual(['insert', 'update']);
    expect(audit[1]?.changed_columns).toEqual(['content_hash', 'last_name', 'raw']);
  });

  it('never replaces a newer version (by DrChrono updated_at) with an older one that commits later', async () => {
    const practice = await newPractice(h.db);
    const id = nextDrchronoId();
    const version = (lastName: string, updatedAt: string | null) => ({ ...patientRow(id, lastName), source_updated_at: updatedAt });
    await upsertMirror(h.db, practice, 'patients', [version('Newer', '2026-05-02T10:00:00.000Z')]);
    const stale = await upsertMirror(h.db, practice, 'patients', [version('Older', '2026-05-01T10:00:00.000Z')]);
    expect(stale).toMatchObject({ created: 0, updated: 0, unchanged: 1 });
    const lastName = async () => (await h.db.selectFrom('patients').select('last_name').where('drchrono_id', '=', id).executeTakeFirstOrThrow()).last_name;
    expect(await lastName()).toBe('Newer');
    // Same instant, or a version that carries no updated_at: written (nothing says it is older).
    expect(await upsertMirror(h.db, practice, 'patients', [version('Same', '2026-05-02T10:00:00.000Z')])).toMatchObject({ updated: 1 });
    expect(await upsertMirror(h.db, practice, 'patients', [version('Undated', null)])).toMatchObject({ updated: 1 });
    expect(await lastName()).toBe('Undated');
    expect(await upsertMirror(h.db, practice, 'patients', [version('Latest', '2026-05-03T10:00:00.000Z')])).toMatchObject({ updated: 1 });
    expect(await lastName()).toBe('Latest');
  });

  it('writes numeric, date, boolean and jsonb columns as their SQL types', async () => {
    const practice = await newPractice(h.db);
    const patient = nextDrchronoId();
    const id = nextDrchronoId();
    await upsertMirror(h.db, practice, 'medications', [medicationRow(id, patient)], new Date());
    const row = await h.db.selectFrom('medications').selectAll().where('drchrono_id', '=', id).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ patient_drchrono_id: patient, dispense_quantity: 30.5, date_prescribed: '2026-01-02', daw: false, prn: null });
    const appt = `A${nextDrchronoId()}`;
    await upsertMirror(h.db, practice, 'appointments', [appointmentRow(appt, patient, '2026-03-04T09:30:00.000Z')]);
    const stored = await h.db.selectFrom('appointments').selectAll().where('drchrono_id', '=', appt).executeTakeFirstOrThrow();
    expect(stored.icd10_codes).toEqual(['E11.9']);
    expect(stored.scheduled_time?.toISOString()).toBe('2026-03-04T09:30:00.000Z');
  });

  it('restores a soft-deleted row when DrChrono returns it, even with unchanged content', async () => {
    const practice = await newPractice(h.db);
    const id = nextDrchronoId();
    await upsertMirror(h.db, practice, 'patients', [patientRow(id)]);
    expect(await markDeleted(h.db, 'patients', [id])).toBe(1);
    expect(await markDeleted(h.db, 'patients', [id])).toBe(0);
    const back = await upsertMirror(h.db, practice, 'patients', [patientRow(id)]);
    expect(back).toMatchObject({ created: 0, updated: 1, unchanged: 0 });
    const row = await h.db.selectFrom('patients').select('deleted_at').where('drchrono_id', '=', id).executeTakeFirstOrThrow();
    expect(row.deleted_at).toBeNull();
    expect((await auditRows('patients', [id])).map((a) => a.operation)).toEqual(['insert', 'delete', 'update']);
  });

  it('dates a clinical note from its appointment, whichever of the two arrives first', async () => {
    const practice = await newPractice(h.db);
    const patient = nextDrchronoId();
    const [early, late] = [`A${nextDrchronoId()}`, `A${nextDrchronoId()}`];
    const [noteBefore, noteAfter] = [nextDrchronoId(), nextDrchronoId()];

    await upsertMirror(h.db, practice, 'clinical_notes', [clinicalNoteRow(noteBefore, patient, early)]);
    const undated = await h.db.selectFrom('clinical_notes').select('note_date').where('drchrono_id', '=', noteBefore).executeTakeFirstOrThrow();
    expect(undated.note_date).toBeNull();
    const appts = await upsertMirror(h.db, practice, 'appointments', [
      appointmentRow(early, patient, '2026-05-06T23:30:00.000Z'),
      appointmentRow(late, patient, '2026-05-07T08:00:00.000Z'),
    ]);
    expect(appts.notesDated).toEqual([noteBefore]);
    await upsertMirror(h.db, practice, 'clinical_notes', [clinicalNoteRow(noteAfter, patient, late)]);

    const notes = await h.db.selectFrom('clinical_notes').select(['drchrono_id', 'note_date', 'locked'])
      .where('drchrono_id', 'in', [noteBefore, noteAfter]).orderBy('drchrono_id').execute();
    expect(notes).toEqual([
      { drchrono_id: noteBefore, note_date: '2026-05-06', locked: false },
      { drchrono_id: noteAfter, note_date: '2026-05-07', locked: false },
    ]);
    expect((await auditRows('clinical_notes', [noteBefore])).map((a) => [a.operation, a.changed_columns])).toEqual([
      ['insert', expect.any(Array)],
      ['update', ['note_date']],
    ]);
  });

  it('re-dates a clinical note when its appointment is rescheduled to another day', async () => {
    const practice = await newPractice(h.db);
    const patient = nextDrchronoId();
    const [appt, other] = [`A${nextDrchronoId()}`, `A${nextDrchronoId()}`];
    const [note, othersNote] = [nextDrchronoId(), nextDrchronoId()];
    await upsertMirror(h.db, practice, 'appointments', [
      appointmentRow(appt, patient, '2026-05-04T10:00:00.000Z'),
      appointmentRow(other, patient, '2026-05-04T15:00:00.000Z'),
    ]);
    await upsertMirror(h.db, practice, 'clinical_notes', [clinicalNoteRow(note, patient, appt), clinicalNoteRow(othersNote, patient, other)]);

    const moved = await upsertMirror(h.db, practice, 'appointments', [
      appointmentRow(appt, patient, '2026-05-06T10:00:00.000Z'),
      appointmentRow(other, patient, '2026-05-04T16:00:00.000Z'), // same day, new time: its note keeps its date
    ]);
    expect(moved.notesDated).toEqual([note]);
    const notes = await h.db.selectFrom('clinical_notes').select(['drchrono_id', 'note_date'])
      .where('drchrono_id', 'in', [note, othersNote]).orderBy('drchrono_id').execute();
    expect(notes).toEqual([
      { drchrono_id: note, note_date: '2026-05-06' },
      { drchrono_id: othersNote, note_date: '2026-05-04' },
    ]);
  });
});

describe('markMissingDeleted', () => {
  it('soft-deletes only the patient’s records missing from the list it was given', async () => {
    const practice = await newPractice(h.db);
    const [patient, other] = [nextDrchronoId(), nextDrchronoId()];
    const [keep, gone1, gone2, othersMed] = [nextDrchronoId(), nextDrchronoId(), nextDrchronoId(), nextDrchronoId()];
    const [stored, listed] = [new Date('2026-05-01T10:00:00Z'), new Date('2026-05-01T11:00:00Z')];
    await upsertMirror(h.db, practice, 'medications', [
      medicationRow(keep, patient), medicationRow(gone1, patient), medicationRow(gone2, patient), medicationRow(othersMed, other),
    ], stored);
    expect(await markMissingDeleted(h.db, 'medications', patient, [keep], listed)).toBe(2);
    expect(await markMissingDeleted(h.db, 'medications', patient, [keep], listed)).toBe(0);
    const rows = await h.db.selectFrom('medications').select(['drchrono_id', 'deleted_at'])
      .where('drchrono_id', 'in', [keep, gone1, gone2, othersMed]).orderBy('drchrono_id').execute();
    expect(rows.map((r) => [r.drchrono_id, r.deleted_at !== null])).toEqual([
      [keep, false], [gone1, true], [gone2, true], [othersMed, false],
    ]);
    expect(await markMissingDeleted(h.db, 'medications', patient, [], listed)).toBe(1);
  });
});

describe('upsertInsurances', () => {
  it('upserts slots by patient, deletes cleared slots, and brings one back when it returns', async () => {
    const practice = await newPractice(h.db);
    const patient = nextDrchronoId();
    const both = [insuranceRow(patient, 'primary'), insuranceRow(patient, 'secondary', 'Beta')];
    expect(await upsertInsurances(h.db, practice, patient, { rows: both, cleared: ['tertiary'], updatedAt: null })).toEqual({ created: 2, updated: 0, unchanged: 0, deleted: 0, skippedAsOlder: false });
    expect(await upsertInsurances(h.db, practice, patient, { rows: both, cleared: [], updatedAt: null })).toEqual({ created: 0, updated: 0, unchanged: 2, deleted: 0, skippedAsOlder: false });
    const onlyPrimary = [insuranceRow(patient, 'primary', 'Gamma')];
    expect(await upsertInsurances(h.db, practice, patient, { rows: onlyPrimary, cleared: ['secondary', 'tertiary'], updatedAt: null })).toEqual({ created: 0, updated: 1, unchanged: 0, deleted: 1, skippedAsOlder: false });
    const slots = await h.db.selectFrom('insurances').select(['slot', 'payer_name', 'deleted_at'])
      .where('patient_drchrono_id', '=', patient).orderBy('slot').execute();
    expect(slots.map((s) => [s.slot, s.payer_name, s.deleted_at !== null])).toEqual([
      ['primary', 'Gamma', false], ['secondary', 'Beta', true],
    ]);
    expect(await upsertInsurances(h.db, practice, patient, { rows: [...onlyPrimary, both[1]!], cleared: [], updatedAt: null })).toMatchObject({ updated: 1, deleted: 0 });
  });

  it('keeps a stored slot that is neither returned nor cleared (a malformed slot in the read)', async () => {
    const practice = await newPractice(h.db);
    const patient = nextDrchronoId();
    await upsertInsurances(h.db, practice, patient, { rows: [insuranceRow(patient, 'primary'), insuranceRow(patient, 'secondary')], cleared: [], updatedAt: null });
    expect(await upsertInsurances(h.db, practice, patient, { rows: [], cleared: ['tertiary'], updatedAt: null })).toEqual({ created: 0, updated: 0, unchanged: 0, deleted: 0, skippedAsOlder: false });
    const live = await h.db.selectFrom('insurances').select('slot').where('patient_drchrono_id', '=', patient).where('deleted_at', 'is', null).orderBy('slot').execute();
    expect(live.map((r) => r.slot)).toEqual(['primary', 'secondary']);
  });
});
