/** Deep Cura notes for review (admin): ids, dates and link state only — never transcript or SOAP text. */
import type { Db } from '../db/create-db.js';

export interface DeepCuraNoteSummary {
  id: string;
  syncEventId: string;
  practiceId: string | null;
  sessionDate: string | null;
  appointmentId: string | null;
  patientId: string | null;
  doctorId: string | null;
  clinicalNoteId: string | null;
  linkMethod: 'appointment' | 'patient_date' | null;
  linkedAt: string | null;
  createdAt: string;
}

/** The newest notes first; `unlinked` keeps those still waiting for a clinical note. */
export async function listDeepCuraNotes(db: Db, opts: { unlinked: boolean; limit: number; practiceId?: string }): Promise<DeepCuraNoteSummary[]> {
  let q = db
    .selectFrom('deepcura_notes')
    .select([
      'id', 'sync_event_id', 'practice_id', 'session_date', 'drchrono_appointment_id', 'drchrono_patient_id',
      'drchrono_doctor_id', 'clinical_note_id', 'link_method', 'linked_at', 'created_at',
    ])
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .limit(opts.limit);
  if (opts.unlinked) q = q.where('clinical_note_id', 'is', null);
  if (opts.practiceId) q = q.where('practice_id', '=', opts.practiceId);
  const rows = await q.execute();
  return rows.map((r) => ({
    id: r.id,
    syncEventId: r.sync_event_id,
    practiceId: r.practice_id,
    sessionDate: r.session_date,
    appointmentId: r.drchrono_appointment_id,
    patientId: r.drchrono_patient_id,
    doctorId: r.drchrono_doctor_id,
    clinicalNoteId: r.clinical_note_id,
    linkMethod: r.link_method,
    linkedAt: r.linked_at?.toISOString() ?? null,
    createdAt: r.created_at.toISOString(),
  }));
}
