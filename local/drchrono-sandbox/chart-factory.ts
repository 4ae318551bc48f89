// Generated chart entries of a patient: medications, problems, allergies.
import { ALLERGENS, DIAGNOSES, FREQUENCIES, MEDICATIONS, REACTIONS } from './catalog.js';
import type { FactoryContext } from './patient-factory.js';
import { DAY_MS, dateOnly, isoSeconds } from './time.js';
import type { Allergy, Medication, Patient, Problem } from './wire.js';

/** A medication prescribed to `patient`, optionally at an appointment. */
export function makeMedication(ctx: FactoryContext, patient: Patient, appointment: string | null, updatedMs: number): Medication {
  const { prng } = ctx;
  const med = prng.pick(MEDICATIONS);
  const frequency = prng.pick(FREQUENCIES);
  return {
    id: ctx.ids.next('medication'),
    patient: patient.id,
    doctor: patient.doctor,
    appointment,
    name: med.name,
    rxnorm: med.rxnorm,
    ndc: med.ndc,
    dosage_quantity: med.qty,
    dosage_units: med.units,
    frequency,
    route: med.route,
    status: 'active',
    date_prescribed: dateOnly(updatedMs - prng.int(0, 60) * DAY_MS),
    date_stopped_taking: null,
    number_refills: prng.int(0, 5),
    dispense_quantity: prng.pick([30, 60, 90]),
    daw: prng.chance(0.1),
    prn: frequency.includes('as needed'),
    updated_at: isoSeconds(updatedMs),
  };
}

/** A medication stopped (or restarted); returns the same object, changed. */
export function changeMedication(med: Medication, atMs: number): Medication {
  med.status = med.status === 'active' ? 'inactive' : 'active';
  med.date_stopped_taking = med.status === 'inactive' ? dateOnly(atMs) : null;
  med.updated_at = isoSeconds(atMs);
  return med;
}

/** A coded problem on `patient`'s list. */
export function makeProblem(ctx: FactoryContext, patient: Patient, updatedMs: number): Problem {
  const { prng } = ctx;
  const dx = prng.pick(DIAGNOSES);
  const diagnosedMs = updatedMs - prng.int(0, 720) * DAY_MS;
  return {
    id: ctx.ids.next('problem'),
    patient: patient.id,
    name: dx.name,
    icd_code: dx.icd,
    icd_version: '10',
    snomed_ct_code: dx.snomed,
    status: 'active',
    date_onset: dateOnly(diagnosedMs - prng.int(0, 90) * DAY_MS),
    date_diagnosis: dateOnly(diagnosedMs),
    updated_at: isoSeconds(updatedMs),
  };
}

/** A problem resolved (or reactivated); returns the same object, changed. */
export function changeProblem(problem: Problem, atMs: number): Problem {
  problem.status = problem.status === 'active' ? 'resolved' : 'active';
  problem.updated_at = isoSeconds(atMs);
  return problem;
}

/** An allergy on `patient`'s list. */
export function makeAllergy(ctx: FactoryContext, patient: Patient, updatedMs: number): Allergy {
  const { prng } = ctx;
  const allergen = prng.pick(ALLERGENS);
  return {
    id: ctx.ids.next('allergy'),
    patient: patient.id,
    description: allergen.description,
    reaction: prng.pick(REACTIONS),
    snomed_code: allergen.snomed,
    rxnorm: allergen.rxnorm,
    status: 'active',
    updated_at: isoSeconds(updatedMs),
  };
}

/** A different reaction recorded; returns the same object, changed. */
export function changeAllergy(ctx: FactoryContext, allergy: Allergy, atMs: number): Allergy {
  allergy.reaction = ctx.prng.pick(REACTIONS.filter((r) => r !== allergy.reaction));
  allergy.updated_at = isoSeconds(atMs);
  return allergy;
}
