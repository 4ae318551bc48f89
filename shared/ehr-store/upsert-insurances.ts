/** Insurance slots of one patient, from a verbose patient read: upserted by slot, vanished slots soft-deleted. */
import { sql } from 'kysely';
import type { Db } from '../db/create-db.js';
import type { InsuranceRow } from '../drchrono/rows.js';
import { INSURANCES_TABLE } from './mirror-tables.js';
import { upsertRows } from './upsert-rows.js';

export interface UpsertInsurancesResult {
  created: number;
  updated: number;
  unchanged: number;
  /** Slots the patient no longer has, now soft-deleted. */
  deleted: number;
}

/** Writes the patient's current slots (the patient id argument wins over the rows') and deletes the others. */
export async function upsertInsurances(
  trx: Db,
  practiceId: string,
  patientDrchronoId: string,
  rows: readonly InsuranceRow[],
): Promise<UpsertInsurancesResult> {
  const own = rows.map((r) => ({ ...r, patient_drchrono_id: patientDrchronoId }));
  const written = await upsertRows(trx, INSURANCES_TABLE, practiceId, own);
  const gone = await sql`
    update insurances set deleted_at = now()
    where patient_drchrono_id = ${patientDrchronoId} and deleted_at is null
      and slot <> all(${own.map((r) => r.slot)}::text[])`.execute(trx);
  return { created: written.created, updated: written.updated, unchanged: written.unchanged, deleted: Number(gone.numAffectedRows ?? 0n) };
}
