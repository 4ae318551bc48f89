/** Writes a parsed gridhook to deepcura_notes, once per stored delivery and once per plaintext. */
import type { Db } from '../db/create-db.js';
import type { GridhookNote } from './gridhook-schema.js';

export interface NewDeepCuraNote {
  syncEventId: string;
  practiceId: string | null;
  note: GridhookNote;
  /** sha256 hex of the decrypted plaintext bytes: the same note re-encrypted under a new IV has the same one. */
  plaintextSha256: string;
  at: Date;
}

/**
 * `inserted`: a new note. `existing`: this delivery's own note (a retry after a crash that followed the commit).
 * `duplicate`: another delivery's note of the same plaintext (Deep Cura sent the note again, re-encrypted).
 */
export type InsertedNote =
  | { outcome: 'inserted' | 'existing'; id: string }
  | { outcome: 'duplicate'; id: string; syncEventId: string };

/** Inserts the note unless this delivery or the same plaintext already made one. */
export async function insertDeepCuraNote(trx: Db, input: NewDeepCuraNote): Promise<InsertedNote> {
  const n = input.note;
  const row = await trx
    .insertInto('deepcura_notes')
    .values({
      sync_event_id: input.syncEventId,
      practice_id: input.practiceId,
      drchrono_appointment_id: n.appointment_id,
      drchrono_patient_id: n.patient_id,
      drchrono_doctor_id: n.doctor_id,
      session_date: n.session_date,
      transcript: n.transcript,
      soap_subjective: n.soap?.subjective ?? null,
      soap_objective: n.soap?.objective ?? null,
      soap_assessment: n.soap?.assessment ?? null,
      soap_plan: n.soap?.plan ?? null,
      icd10_codes: JSON.stringify(n.icd10_codes),
      cpt_codes: JSON.stringify(n.cpt_codes),
      medication_mentions: JSON.stringify(n.medication_mentions),
      billing_summary: n.billing_summary === null ? null : JSON.stringify(n.billing_summary),
      risk_assessment: n.risk_assessment === null ? null : JSON.stringify(n.risk_assessment),
      plaintext_sha256: input.plaintextSha256,
      created_at: input.at,
      updated_at: input.at,
    })
    // No conflict target, so both unique keys (sync_event_id, plaintext_sha256) stop it. A delivery of the same
    // plaintext whose transaction is still open makes this insert wait for it, then do nothing: two resends
    // racing each other leave one note whatever locks the caller holds, where a look-up first would let both in.
    .onConflict((oc) => oc.doNothing())
    .returning('id')
    .executeTakeFirst();
  if (row) return { outcome: 'inserted', id: row.id };
  // Each statement below reads afresh (READ COMMITTED), so it sees the row the conflicting transaction committed.
  const own = await trx.selectFrom('deepcura_notes').select('id').where('sync_event_id', '=', input.syncEventId).executeTakeFirst();
  if (own) return { outcome: 'existing', id: own.id };
  const first = await trx
    .selectFrom('deepcura_notes')
    .select(['id', 'sync_event_id'])
    .where('plaintext_sha256', '=', input.plaintextSha256)
    .executeTakeFirstOrThrow();
  return { outcome: 'duplicate', id: first.id, syncEventId: first.sync_event_id };
}
