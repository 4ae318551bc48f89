/**
 * Insurance slots of one patient, from a verbose patient read: upserted by
 * slot, cleared slots soft-deleted. A slot has no updated_at of its own but is
 * exactly as new as the patient in the same read, so the read's patient
 * updated_at orders it against the stored patient (patient-read-order.ts).
 * Without that, a delayed webhook re-fetch or a slow reconciliation read would
 * put its older slots back, and delete slots a newer read added, while the
 * patient row of that same read is refused as older.
 */
import { sql } from 'kysely';
import type { Db } from '../db/create-db.js';
import type { InsuranceRow } from '../drchrono/rows.js';
import { INSURANCES_TABLE } from './mirror-tables.js';
import { storedPatientIsNewer } from './patient-read-order.js';
import { upsertRows } from './upsert-rows.js';

export interface UpsertInsurancesResult {
  created: number;
  updated: number;
  unchanged: number;
  /** Slots the read said the patient no longer has, now soft-deleted. */
  deleted: number;
  /** The stored patient is newer than the read: nothing was written, and its slots count as unchanged. */
  skippedAsOlder: boolean;
}

/**
 * Writes the patient's current slots (the patient id argument wins over the
 * rows') and deletes the `cleared` ones, unless the stored patient is newer
 * than `read.updatedAt`. A stored slot in neither list (the read had it
 * malformed) is left alone: only a readable answer may delete.
 */
export async function upsertInsurances(
  trx: Db,
  practiceId: string,
  patientDrchronoId: string,
  read: { rows: readonly InsuranceRow[]; cleared: readonly InsuranceRow['slot'][]; updatedAt: Date | null },
): Promise<UpsertInsurancesResult> {
  // Counted as upsertRows counts a patient row it refuses as older: unchanged.
  if (await storedPatientIsNewer(trx, patientDrchronoId, read.updatedAt)) {
    return { created: 0, updated: 0, unchanged: read.rows.length, deleted: 0, skippedAsOlder: true };
  }
  const own = read.rows.map((r) => ({ ...r, patient_drchrono_id: patientDrchronoId }));
  const written = await upsertRows(trx, INSURANCES_TABLE, practiceId, own);
  const kept = new Set(own.map((r) => r.slot));
  const cleared = read.cleared.filter((s) => !kept.has(s));
  if (cleared.length === 0) return { ...counts(written), deleted: 0, skippedAsOlder: false };
  const gone = await sql`
    update insurances set deleted_at = now()
    where patient_drchrono_id = ${patientDrchronoId} and deleted_at is null
      and slot = any(${cleared}::text[])`.execute(trx);
  return { ...counts(written), deleted: Number(gone.numAffectedRows ?? 0n), skippedAsOlder: false };
}

function counts(w: { created: number; updated: number; unchanged: number }): Pick<UpsertInsurancesResult, 'created' | 'updated' | 'unchanged'> {
  return { created: w.created, updated: w.updated, unchanged: w.unchanged };
}
