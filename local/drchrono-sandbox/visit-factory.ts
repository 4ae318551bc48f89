// Generated visits: appointments, their clinical notes and billing line items.
import { APPOINTMENT_STATUSES, DIAGNOSES, PROCEDURES, VISIT_REASONS } from './catalog.js';
import type { FactoryContext } from './patient-factory.js';
import { dateOnly, isoSeconds } from './time.js';
import type { Appointment, ClinicalNote, ClinicalNoteSection, LineItem, Patient } from './wire.js';

/** An appointment for `patient` scheduled at `scheduledMs`. */
export function makeAppointment(
  ctx: FactoryContext,
  patient: Patient,
  scheduledMs: number,
  createdMs: number,
  updatedMs: number,
): Appointment {
  const { prng } = ctx;
  const office = prng.pick(ctx.offices);
  const dx = prng.pick(DIAGNOSES);
  return {
    id: String(ctx.ids.next('appointment')),
    patient: patient.id,
    doctor: patient.doctor,
    office: office.id,
    // Whole quarter hours, as schedulers book them.
    scheduled_time: isoSeconds(Math.floor(scheduledMs / 900_000) * 900_000),
    duration: prng.pick([15, 30, 30, 45, 60]),
    status: scheduledMs < updatedMs ? 'Complete' : prng.pick(APPOINTMENT_STATUSES.slice(0, 2)),
    reason: prng.pick(VISIT_REASONS),
    icd10_codes: prng.chance(0.3) ? [dx.icd, prng.pick(DIAGNOSES).icd] : [dx.icd],
    deleted_flag: false,
    created_at: isoSeconds(createdMs),
    updated_at: isoSeconds(updatedMs),
  };
}

/** A status change; returns the same appointment, changed. */
export function changeAppointment(ctx: FactoryContext, appt: Appointment, atMs: number): Appointment {
  const others = APPOINTMENT_STATUSES.filter((s) => s !== appt.status);
  appt.status = ctx.prng.pick(others);
  appt.updated_at = isoSeconds(atMs);
  return appt;
}

function sections(ctx: FactoryContext, appt: Appointment): ClinicalNoteSection[] {
  const dx = DIAGNOSES.find((d) => d.icd === appt.icd10_codes[0]) ?? DIAGNOSES[0];
  const field = (value: string) => ({ clinical_note_field: ctx.prng.int(1000, 9999), value });
  return [
    { clinical_note_template: 501, name: 'Subjective', values: [field(`${appt.reason}. Patient reports feeling stable.`)] },
    { clinical_note_template: 502, name: 'Assessment', values: [field(`${dx.icd} ${dx.name}`)] },
    { clinical_note_template: 503, name: 'Plan', values: [field('Continue current regimen; follow up in 3 months.')] },
  ];
}

/** The clinical note of an appointment. */
export function makeClinicalNote(ctx: FactoryContext, appt: Appointment, createdMs: number, updatedMs: number): ClinicalNote {
  const id = ctx.ids.next('clinical_note');
  return {
    id,
    patient: appt.patient,
    appointment: appt.id,
    locked: ctx.prng.chance(0.6),
    pdf: `https://drchrono-sandbox.invalid/clinical_notes/${id}.pdf`,
    clinical_note_sections: sections(ctx, appt),
    created_at: isoSeconds(createdMs),
    updated_at: isoSeconds(updatedMs),
  };
}

function money(n: number): string {
  return n.toFixed(2);
}

/** A billed procedure of an appointment, partly paid. */
export function makeLineItem(ctx: FactoryContext, appt: Appointment, updatedMs: number): LineItem {
  const { prng } = ctx;
  const proc = prng.pick(PROCEDURES);
  const units = proc.code.startsWith('99') ? 1 : prng.int(1, 2);
  const billed = proc.price * units;
  const paid = prng.pick([0, billed * 0.8, billed]);
  return {
    id: ctx.ids.next('line_item'),
    appointment: appt.id,
    patient: appt.patient,
    doctor: appt.doctor,
    code: proc.code,
    procedure_type: 'C',
    units: money(units),
    price: money(proc.price),
    billed: money(billed),
    paid_total: money(paid),
    balance_total: money(billed - paid),
    posted_date: dateOnly(updatedMs),
    service_date: appt.scheduled_time.slice(0, 10),
    updated_at: isoSeconds(updatedMs),
  };
}

/** A payment posted against a line item; returns the same item, changed. */
export function changeLineItem(item: LineItem, atMs: number): LineItem {
  const billed = Number(item.billed);
  item.paid_total = money(billed);
  item.balance_total = money(0);
  item.posted_date = dateOnly(atMs);
  item.updated_at = isoSeconds(atMs);
  return item;
}
