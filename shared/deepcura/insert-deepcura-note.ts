/** Writes a parsed gridhook to deepcura_notes, once per stored delivery. */
import type { Db } from '../db/create-db.js';
import type { GridhookNote } from './gridhook-schema.js';

export interface NewDeepCuraNote {
  syncEventId: string;
  practiceId: string | null;
  note: GridhookNote;
  at: Date;
}

/** Inserts the note; a delivery already turned into a note (a retry after a crash) returns the existing id. */
export async function insertDeepCuraNote(trx: Db, input: NewDeepCuraNote): Promise<{ id: string; inserted: boolean }> {
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
      created_at: input.at,
      updated_at: input.at,
    })
    .onConflict((oc) => oc.column('sync_event_id').doNothing())
    .returning('id')
    .executeTakeFirst();
  if (row) return { id: row.id, inserted: true };
  const existing = await trx.selectFrom('deepcura_notes').select('id').where('sync_event_id', '=', input.syncEventId).executeTakeFirstOrThrow();
  return { id: existing.id, inserted: false };
}
