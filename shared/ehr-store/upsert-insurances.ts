/** Insurance slots of one patient, from a verbose patient read: upserted by slot, cleared slots soft-deleted. */
import { sql } from 'kysely';
import type { Db } from '../db/create-db.js';
import type { InsuranceRow } from '../drchrono/rows.js';
import { INSURANCES_TABLE } from './mirror-tables.js';
import { upsertRows } from './upsert-rows.js';

export interface UpsertInsurancesResult {
  created: number;
  updated: number;
  unchanged: number;
  /** Slots the read said the patient no longer has, now soft-deleted. */
  deleted: number;
}

/**
 * Writes the patient's current slots (the patient id argument wins over the
 * rows') and deletes the `cleared` ones. A stored slot in neither list (the
 * read had it malformed) is left alone: only a readable answer may delete.
 */
export async function upsertInsurances(
  trx: Db,
  practiceId: string,
  patientDrchronoId: string,
  read: { rows: readonly InsuranceRow[]; cleared: readonly InsuranceRow['slot'][] },
): Promise<UpsertInsurancesResult> {
  const own = read.rows.map((r) => ({ ...r, patient_drchrono_id: patientDrchronoId }));
  const written = await upsertRows(trx, INSURANCES_TABLE, practiceId, own);
  const kept = new Set(own.map((r) => r.slot));
  const cleared = read.cleared.filter((s) => !kept.has(s));
  if (cleared.length === 0) return { ...counts(written), deleted: 0 };
  const gone = await sql`
    update insurances set deleted_at = now()
    where patient_drchrono_id = ${patientDrchronoId} and deleted_at is null
      and slot = any(${cleared}::text[])`.execute(trx);
  return { ...counts(written), deleted: Number(gone.numAffectedRows ?? 0n) };
}

function counts(w: { created: number; updated: number; unchanged: number }): Omit<UpsertInsurancesResult, 'deleted'> {
  return { created: w.created, updated: w.updated, unchanged: w.unchanged };
}
