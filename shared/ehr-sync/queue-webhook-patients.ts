/**
 * Patients named by DrChrono webhooks since the last scan join the per-patient
 * queue: DrChrono sends no delete event for medications, problems or
 * allergies, so a patient a webhook touched is re-listed to catch what vanished.
 *
 * Kept simple: deliveries of this practice that were applied after the scan
 * mark (the largest processed_at seen, stored as the cursor of the
 * 'webhook_patients' row in practice_sync_cursors). The patient is the object's
 * `patient` field, or the object's id for PATIENT_CREATE / PATIENT_MODIFY.
 * A delivery applied later than it was received is still seen: the mark
 * follows processed_at, not received_at.
 */
import { sql } from 'kysely';
import type { Db } from '../db/create-db.js';
import { WEBHOOK_PATIENTS_CURSOR } from './ehr-streams.js';
import { queuePatients } from './pending-patients.js';

/** Queues the patients of newly applied webhook deliveries and moves the mark, in one transaction; returns how many. */
export async function queueWebhookPatients(db: Db, practiceId: string): Promise<number> {
  return db.transaction().execute(async (trx) => {
    const mark = await trx
      .selectFrom('practice_sync_cursors')
      .select('cursor_value')
      .where('practice_id', '=', practiceId)
      .where('stream', '=', WEBHOOK_PATIENTS_CURSOR)
      .executeTakeFirst();
    const after = mark?.cursor_value ?? new Date(0);
    const found = await sql<{ patient: string | null; processed_at: Date }>`
      select coalesce(
          payload -> 'object' ->> 'patient',
          case when kind in ('PATIENT_CREATE', 'PATIENT_MODIFY') then payload -> 'object' ->> 'id' end
        ) as patient,
        processed_at
      from sync_events
      where source = 'drchrono' and practice_id = ${practiceId} and status = 'applied'
        and processed_at > ${after}::timestamptz`.execute(trx);
    if (found.rows.length === 0) return 0;
    const ids = found.rows.map((r) => r.patient).filter((p): p is string => p !== null && /^\d{1,18}$/.test(p));
    await queuePatients(trx, practiceId, ids, 'webhook');
    const latest = new Date(Math.max(...found.rows.map((r) => new Date(r.processed_at).getTime())));
    await trx
      .insertInto('practice_sync_cursors')
      .values({ practice_id: practiceId, stream: WEBHOOK_PATIENTS_CURSOR, cursor_value: latest })
      .onConflict((oc) => oc.columns(['practice_id', 'stream']).doUpdateSet({ cursor_value: latest, updated_at: sql<Date>`now()` }))
      .execute();
    return new Set(ids).size;
  });
}
