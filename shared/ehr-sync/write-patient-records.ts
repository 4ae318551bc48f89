/**
 * Stores one patient's per-patient records in one transaction: each list
 * upserted, what vanished from it soft-deleted (DrChrono has no delete event
 * for these), neither over a record that a later fetch already stored
 * (ehr-store/fetch-order.ts), insurance slots from the verbose read (a
 * malformed slot is counted invalid and keeps the stored one; a read older
 * than the stored patient, which a webhook may have stored since, writes no
 * slot: ehr-store/patient-read-order.ts), and the patient taken off the
 * pending queue. The transaction is fenced by the run's practice lease
 * (fencePracticeLease): a run that lost it writes nothing.
 */
import type { Db } from '../db/create-db.js';
import { mapInsurances } from '../drchrono/map-insurances.js';
import { mapMirror } from '../drchrono/map-mirror.js';
import type { MirrorRowByKind } from '../drchrono/rows.js';
import { markMissingDeleted, upsertInsurances, upsertMirror, withActor } from '../ehr-store/index.js';
import type { PatientStream } from './ehr-streams.js';
import { PATIENT_LIST_KINDS, type PatientRecords } from './fetch-patient-records.js';
import { unqueuePatient, type PendingPatient } from './pending-patients.js';
import { fencePracticeLease } from './practice-lease.js';
import { emptyEhrCounts, type EhrCounts } from './practice-sync-summary.js';
import { recordPracticeInvalid, type PracticeInvalidRecord } from './record-practice-invalid.js';
import { wireIdOf } from './wire-id.js';

/** Writes the records fetched for one patient under the run's lease (ctx.runId holds it); returns the counts per stream. */
export async function writePatientRecords(
  db: Db,
  ctx: { practiceId: string; runId: string },
  records: PatientRecords,
  /** The queue entry as listed before the fetch: queued again since, the patient stays queued. */
  queued: PendingPatient,
): Promise<Record<PatientStream, EhrCounts>> {
  const out = { medications: emptyEhrCounts(), problems: emptyEhrCounts(), allergies: emptyEhrCounts(), insurances: emptyEhrCounts() };
  await db.transaction().execute(async (trx) => {
    await fencePracticeLease(trx, ctx);
    await withActor(trx, 'drchrono_sync');
    for (const kind of PATIENT_LIST_KINDS) {
      const wires = records.lists[kind];
      const rows: MirrorRowByKind[typeof kind][] = [];
      const invalid: PracticeInvalidRecord[] = [];
      // Every id on the list is present, valid or not: an invalid record has not vanished.
      const present = wires.map(wireIdOf).filter((id): id is string => id !== null && /^\d{1,18}$/.test(id));
      for (const wire of wires) {
        const mapped = mapMirror(kind, wire);
        if (mapped.ok) rows.push(mapped.row);
        else invalid.push({ externalId: wireIdOf(wire) ?? '?', reason: mapped.reason });
      }
      const written = await upsertMirror(trx, ctx.practiceId, kind, rows, records.fetchedAt[kind]);
      const deleted = await markMissingDeleted(trx, kind, records.patientId, present, records.fetchedAt[kind]);
      await recordPracticeInvalid(trx, { practiceId: ctx.practiceId, stream: kind, runId: ctx.runId, records: invalid });
      out[kind] = { ...emptyEhrCounts(), fetched: wires.length, created: written.created, updated: written.updated, unchanged: written.unchanged, invalid: invalid.length, deleted };
    }
    if (records.verbose !== null) {
      const read = mapInsurances(records.verbose);
      const w = await upsertInsurances(trx, ctx.practiceId, records.patientId, read);
      // Keyed by patient and wire field: an insurance slot has no DrChrono id of its own.
      const invalid = read.invalid.map((i) => ({ externalId: `${records.patientId}:${i.field}`, reason: i.reason }));
      await recordPracticeInvalid(trx, { practiceId: ctx.practiceId, stream: 'insurances', runId: ctx.runId, records: invalid });
      out.insurances = {
        ...emptyEhrCounts(), fetched: read.rows.length + invalid.length, created: w.created, updated: w.updated, unchanged: w.unchanged, invalid: invalid.length, deleted: w.deleted,
      };
    }
    await unqueuePatient(trx, ctx.practiceId, queued);
  });
  return out;
}

