/**
 * Write order for what a verbose patient read carries besides the patient row
 * (its insurance slots). Those have no updated_at of their own: they are as
 * new as the patient's, so they follow the stored patient's source_updated_at
 * with upsertRows' rule. Only a read older than the stored patient is refused.
 * Ties go to the later writer, and a null on either side takes the write.
 */
import { sql } from 'kysely';
import type { Db } from '../db/create-db.js';

/**
 * Whether the stored patient is newer than a read of it made at `readUpdatedAt`.
 * Locks the patient row until the caller's transaction ends. Every slot
 * writer takes this lock, and a webhook's patient upsert takes it too (ON
 * CONFLICT DO UPDATE locks the row even when its WHERE refuses). So a read
 * checked while a newer one of the same patient is uncommitted waits, then
 * sees the newer patient, instead of writing its older slots over the newer.
 * (Mirror writers that call withActor are already serialised on the change_log
 * chain lock; this one does not depend on the caller having taken it.)
 */
export async function storedPatientIsNewer(trx: Db, patientDrchronoId: string, readUpdatedAt: Date | null): Promise<boolean> {
  const { rows } = await sql<{ newer: boolean | null }>`
    select source_updated_at > ${readUpdatedAt}::timestamptz as newer
    from patients where drchrono_id = ${patientDrchronoId}
    for update`.execute(trx);
  // No stored patient, or a null on either side (the comparison is null): unordered, so the read is written.
  return rows[0]?.newer === true;
}
