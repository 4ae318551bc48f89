// A realistic Deep Cura note (the gridhook plaintext) for a sandbox
// appointment or patient, built from that practice's records so the receiver
// can link it to a clinical note.
import { DIAGNOSES, PROCEDURES } from './catalog.js';
import type { SandboxPractice } from './sandbox-practice.js';
import type { Appointment, Medication, Patient } from './wire.js';

/** The gridhook plaintext as the contract describes it. */
export interface DeepCuraNote {
  appointment_id: string | null;
  patient_id: string | null;
  doctor_id: string;
  session_date: string;
  transcript: string;
  soap: { subjective: string; objective: string; assessment: string; plan: string };
  icd10_codes: { code: string; description: string; confidence: number }[];
  cpt_codes: { code: string; description: string; units: number }[];
  medication_mentions: { name: string; dosage: string; frequency: string; action: 'continue' | 'start' | 'stop' }[];
  billing_summary: { total_charges: number; primary_cpt: string; visit_complexity: 'low' | 'moderate'; time_spent_minutes: number };
  risk_assessment: { level: 'low' | 'moderate' | 'high'; factors: string[] };
}

/** Which visit the note is about; with neither id, the practice's first appointment is used. */
export interface DeepCuraNoteTarget {
  appointmentId?: string;
  patientId?: number;
  /** YYYY-MM-DD; defaults to the appointment's date, else today (UTC). */
  sessionDate?: string;
}

function find<T>(items: readonly T[], pred: (item: T) => boolean, what: string): T {
  const found = items.find(pred);
  if (found === undefined) throw new Error(`no ${what} in practice`);
  return found;
}

/** Builds a note; throws when the named appointment or patient is not in the practice. */
export function buildDeepCuraNote(practice: SandboxPractice, target: DeepCuraNoteTarget = {}): DeepCuraNote {
  const data = practice.data;
  const byPatient = target.appointmentId === undefined && target.patientId !== undefined;
  const appt: Appointment | undefined = byPatient
    ? undefined
    : find(data.appointments, (a) => (target.appointmentId === undefined ? true : a.id === target.appointmentId), 'appointment');
  const patientId = appt?.patient ?? (target.patientId as number);
  const patient: Patient = find(data.patients, (p) => p.id === patientId, `patient ${patientId}`);
  const meds: Medication[] = data.medications.filter((m) => m.patient === patient.id).slice(0, 2);
  const codes = appt?.icd10_codes ?? [DIAGNOSES[1].icd];
  const diagnoses = codes.map((c) => DIAGNOSES.find((d) => d.icd === c) ?? { icd: c, snomed: '', name: c });
  const visit = meds.length > 1 || diagnoses.length > 1 ? PROCEDURES[1] : PROCEDURES[0];
  const reason = appt?.reason ?? 'Follow-up';
  const sessionDate = target.sessionDate ?? appt?.scheduled_time.slice(0, 10) ?? new Date().toISOString().slice(0, 10);
  const medText = meds.map((m) => `${m.name} ${m.frequency}`).join('; ') || 'no current medications';
  return {
    appointment_id: appt?.id ?? null,
    patient_id: String(patient.id),
    doctor_id: String(appt?.doctor ?? patient.doctor),
    session_date: sessionDate,
    transcript:
      `Doctor: What brings you in today? Patient: ${reason.toLowerCase()}, mostly doing fine. ` +
      `Doctor: Are you still taking ${medText}? Patient: Yes, every day.`,
    soap: {
      subjective: `${reason}. Reports adherence to ${medText}. No new complaints.`,
      objective: 'BP 128/82, HR 74, Temp 98.4 F, SpO2 98% RA. Lungs clear, heart regular.',
      assessment: diagnoses.map((d) => `${d.name} (${d.icd}), stable`).join('; '),
      plan: 'Continue current regimen. Labs before next visit. Follow up in 3 months.',
    },
    icd10_codes: diagnoses.map((d, i) => ({ code: d.icd, description: d.name, confidence: i === 0 ? 0.93 : 0.78 })),
    cpt_codes: [{ code: visit.code, description: visit.description, units: 1 }],
    medication_mentions: meds.map((m) => ({
      name: m.name,
      dosage: `${m.dosage_quantity} ${m.dosage_units}`,
      frequency: m.frequency,
      action: m.status === 'active' ? 'continue' : 'stop',
    })),
    billing_summary: {
      total_charges: visit.price,
      primary_cpt: visit.code,
      visit_complexity: visit.code === '99214' ? 'moderate' : 'low',
      time_spent_minutes: appt?.duration ?? 20,
    },
    risk_assessment: {
      level: diagnoses.length > 1 ? 'moderate' : 'low',
      factors: diagnoses.map((d) => `Chronic condition: ${d.name}`),
    },
  };
}
