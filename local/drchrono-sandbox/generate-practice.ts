// Builds a practice's records from its seed: doctors, offices, then patients
// with visits and chart entries spread over the past year, relative to the
// sandbox clock at creation.
import { createPrng } from '../drx-sandbox/prng.js';
import type { Prng } from '../drx-sandbox/prng.js';
import { FIRST_NAMES, LAST_NAMES, SPECIALTIES, CITIES, STREETS } from './catalog.js';
import { makeAllergy, makeMedication, makeProblem } from './chart-factory.js';
import type { IdAllocator } from './id-allocator.js';
import { makeInsurance, makePatient } from './patient-factory.js';
import type { FactoryContext } from './patient-factory.js';
import { PracticeData } from './practice-data.js';
import type { ResolvedPracticeOptions } from './practice-options.js';
import { DAY_MS } from './time.js';
import { makeAppointment, makeClinicalNote, makeLineItem } from './visit-factory.js';
import type { Doctor, Office } from './wire.js';

/** A random instant in [fromMs, toMs). */
export function between(prng: Prng, fromMs: number, toMs: number): number {
  return fromMs + Math.floor(prng.next() * Math.max(0, toMs - fromMs));
}

/** An NPI-shaped 10-digit number starting with 1 (not checksummed: DrChrono does not check). */
function npi(prng: Prng): string {
  return `1${String(prng.int(0, 999_999_999)).padStart(9, '0')}`;
}

function staff(prng: Prng, ids: IdAllocator, opts: ResolvedPracticeOptions): { doctors: Doctor[]; offices: Office[] } {
  const doctors = Array.from({ length: opts.doctors }, () => ({
    id: ids.next('doctor'),
    first_name: prng.pick(FIRST_NAMES),
    last_name: prng.pick(LAST_NAMES),
    specialty: prng.pick(SPECIALTIES),
    npi_number: npi(prng),
  }));
  const offices = Array.from({ length: opts.offices }, (_, i) => {
    const place = prng.pick(CITIES);
    return {
      id: ids.next('office'),
      name: `${opts.name} ${place.city}${i > 0 ? ` ${i + 1}` : ''}`,
      address: `${prng.int(10, 999)} ${prng.pick(STREETS)}`,
      city: place.city,
      state: place.state,
      zip_code: `${place.zip}${String(prng.int(0, 99)).padStart(2, '0')}`,
      doctor: prng.pick(doctors).id,
    };
  });
  return { doctors, offices };
}

/** Generates a practice; the returned context keeps the PRNG for later mutations. */
export function generatePractice(
  opts: ResolvedPracticeOptions,
  ids: IdAllocator,
  practiceGroup: number,
  nowMs: number,
): { data: PracticeData; ctx: FactoryContext } {
  const prng = createPrng(opts.seed);
  const data = new PracticeData();
  const { doctors, offices } = staff(prng, ids, opts);
  data.doctors = doctors;
  data.offices = offices;
  const lead = doctors[0] as Doctor;
  data.user = {
    id: ids.next('user'),
    username: `${lead.first_name.toLowerCase()}.${lead.last_name.toLowerCase()}`,
    doctor: lead.id,
    practice_group: practiceGroup,
    is_doctor: true,
    is_staff: false,
  };
  const ctx: FactoryContext = { prng, ids, doctors, offices };
  for (let p = 0; p < opts.patients; p++) {
    const createdMs = nowMs - prng.int(30, 365) * DAY_MS - prng.int(0, DAY_MS - 1);
    const patient = makePatient(ctx, createdMs, between(prng, createdMs, nowMs));
    data.patients.set(patient.id, patient);
    data.insurance.set(patient.id, makeInsurance(prng));
    const apptIds: string[] = [];
    for (let a = 0; a < opts.appointmentsPerPatient; a++) {
      const apptCreated = between(prng, createdMs, nowMs);
      const scheduled = apptCreated + prng.int(1, 30) * DAY_MS;
      const appt = makeAppointment(ctx, patient, scheduled, apptCreated, between(prng, apptCreated, nowMs));
      data.appointments.set(appt.id, appt);
      apptIds.push(appt.id);
      // Only visits that already happened have notes and bills.
      if (scheduled >= nowMs) continue;
      for (let n = 0; n < opts.notesPerAppointment; n++) {
        const note = makeClinicalNote(ctx, appt, scheduled, between(prng, scheduled, nowMs));
        data.clinicalNotes.set(note.id, note);
      }
      for (let l = 0; l < opts.lineItemsPerAppointment; l++) {
        const item = makeLineItem(ctx, appt, between(prng, scheduled, nowMs));
        data.lineItems.set(item.id, item);
      }
    }
    for (let m = 0; m < opts.medsPerPatient; m++) {
      const at = apptIds.length > 0 && prng.chance(0.5) ? prng.pick(apptIds) : null;
      const med = makeMedication(ctx, patient, at, between(prng, createdMs, nowMs));
      data.medications.set(med.id, med);
    }
    for (let m = 0; m < opts.problemsPerPatient; m++) {
      const problem = makeProblem(ctx, patient, between(prng, createdMs, nowMs));
      data.problems.set(problem.id, problem);
    }
    for (let m = 0; m < opts.allergiesPerPatient; m++) {
      const allergy = makeAllergy(ctx, patient, between(prng, createdMs, nowMs));
      data.allergies.set(allergy.id, allergy);
    }
  }
  return { data, ctx };
}
