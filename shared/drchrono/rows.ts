/** Mirror rows the DrChrono mappers produce and the EHR repositories write: the table columns minus ours. */
import type { Insertable } from 'kysely';
import type {
  AllergiesTable,
  AppointmentsTable,
  ClinicalNotesTable,
  InsurancesTable,
  LineItemsTable,
  MedicationsTable,
  PatientsTable,
  ProblemsTable,
} from '../db/database.js';

// fetched_at is ours too: the writer stamps when it fetched the state (ehr-store/fetch-order.ts).
type OurColumns = 'id' | 'practice_id' | 'synced_at' | 'deleted_at' | 'fetched_at';
type Row<T> = Omit<Insertable<T>, OurColumns>;

export type PatientRow = Row<PatientsTable>;
export type AppointmentRow = Row<AppointmentsTable>;
export type ClinicalNoteRow = Row<ClinicalNotesTable>;
export type MedicationRow = Row<MedicationsTable>;
export type ProblemRow = Row<ProblemsTable>;
export type AllergyRow = Row<AllergiesTable>;
export type InsuranceRow = Row<InsurancesTable>;
export type LineItemRow = Row<LineItemsTable>;

/** The mirror tables keyed by drchrono_id (insurances are keyed by patient and slot). */
export type MirrorKind = 'patients' | 'appointments' | 'clinical_notes' | 'medications' | 'problems' | 'allergies' | 'line_items';

export interface MirrorRowByKind {
  patients: PatientRow;
  appointments: AppointmentRow;
  clinical_notes: ClinicalNoteRow;
  medications: MedicationRow;
  problems: ProblemRow;
  allergies: AllergyRow;
  line_items: LineItemRow;
}
