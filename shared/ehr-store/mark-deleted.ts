/** Soft deletes in the mirror: deleted_at is set, the row stays, and the audit trigger records a 'delete'. */
import { sql } from 'kysely';
import type { Db } from '../db/create-db.js';
import type { MirrorKind } from '../drchrono/rows.js';
import { MIRROR_TABLES } from './mirror-tables.js';

/** The kinds DrChrono lists per patient, where a record missing from the list has been removed. */
export type PatientListKind = 'medications' | 'problems' | 'allergies';

function keyType(kind: MirrorKind): string {
  return MIRROR_TABLES[kind].columns.drchrono_id.type;
}

/** Marks these DrChrono ids deleted (those not already); returns how many rows changed. */
export async function markDeleted(trx: Db, kind: MirrorKind, drchronoIds: readonly string[]): Promise<number> {
  if (drchronoIds.length === 0) return 0;
  const result = await sql`
    update ${sql.table(kind)} set deleted_at = now()
    where drchrono_id = any(${[...drchronoIds]}::${sql.raw(keyType(kind))}[]) and deleted_at is null`.execute(trx);
  return Number(result.numAffectedRows ?? 0n);
}

/**
 * Marks the patient's live records of `kind` that are not in `presentIds` (a
 * list read whose first request started at `listFetchedAt`) deleted; returns how
 * many. A record stored from a fetch that started after the list read began is
 * kept: it may have been created since (fetch-order.ts). A deleted record takes
 * the list's time, so a copy fetched before the list cannot bring it back.
 */
export async function markMissingDeleted(
  trx: Db,
  kind: PatientListKind,
  patientDrchronoId: string,
  presentIds: readonly string[],
  listFetchedAt: Date,
): Promise<number> {
  const result = await sql`
    update ${sql.table(kind)} set deleted_at = now(), fetched_at = ${listFetchedAt}::timestamptz
    where patient_drchrono_id = ${patientDrchronoId} and deleted_at is null
      and drchrono_id <> all(${[...presentIds]}::bigint[])
      and (fetched_at is null or fetched_at <= ${listFetchedAt}::timestamptz)`.execute(trx);
  return Number(result.numAffectedRows ?? 0n);
}
