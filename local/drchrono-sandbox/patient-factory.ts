// Generated patients and their insurance: invented people with plausible
// demographics, contact details and coverage.
import type { Prng } from '../drx-sandbox/prng.js';
import { CITIES, FIRST_NAMES, LAST_NAMES, PAYERS, PHARMACIES, STREETS } from './catalog.js';
import type { IdAllocator } from './id-allocator.js';
import { DAY_MS, dateOnly, isoSeconds } from './time.js';
import type { Doctor, Insurance, Office, Patient, PatientInsurance } from './wire.js';

/** What every record factory draws on. */
export interface FactoryContext {
  prng: Prng;
  ids: IdAllocator;
  doctors: readonly Doctor[];
  offices: readonly Office[];
}

function digits(prng: Prng, n: number): string {
  let out = '';
  for (let i = 0; i < n; i++) out += String(prng.int(0, 9));
  return out;
}

/** A 555 phone number, reserved for fiction. */
export function fakePhone(prng: Prng): string {
  return `(${prng.int(201, 989)}) 555-${digits(prng, 4)}`;
}

function insurance(prng: Prng): Insurance {
  const payer = prng.pick(PAYERS);
  return {
    insurance_company: payer.company,
    insurance_payer_id: payer.payerId,
    insurance_plan_name: prng.pick(payer.plans),
    insurance_id_number: `${payer.company.slice(0, 1)}${digits(prng, 9)}`,
    insurance_group_number: `GRP${digits(prng, 5)}`,
  };
}

/** Primary coverage for most patients, secondary for some. */
export function makeInsurance(prng: Prng): PatientInsurance {
  const primary = prng.chance(0.85) ? insurance(prng) : null;
  return { primary_insurance: primary, secondary_insurance: primary && prng.chance(0.25) ? insurance(prng) : null };
}

/** A new patient created at `createdMs` and last updated at `updatedMs`. */
export function makePatient(ctx: FactoryContext, createdMs: number, updatedMs: number): Patient {
  const { prng } = ctx;
  const id = ctx.ids.next('patient');
  const first = prng.pick(FIRST_NAMES);
  const last = prng.pick(LAST_NAMES);
  const place = prng.pick(CITIES);
  const ageDays = prng.int(2 * 365, 90 * 365);
  return {
    id,
    chart_id: `${last.slice(0, 4).toUpperCase()}${String(id).slice(-6)}`,
    first_name: first,
    last_name: last,
    date_of_birth: dateOnly(createdMs - ageDays * DAY_MS),
    gender: prng.pick(['Male', 'Female', 'Female', 'Male', 'Other'] as const),
    email: `${first.toLowerCase()}.${last.toLowerCase()}${prng.int(1, 99)}@example.com`,
    cell_phone: fakePhone(prng),
    home_phone: prng.chance(0.4) ? fakePhone(prng) : '',
    address: `${prng.int(10, 9999)} ${prng.pick(STREETS)}`,
    city: place.city,
    state: place.state,
    zip_code: `${place.zip}${digits(prng, 2)}`,
    doctor: prng.pick(ctx.doctors).id,
    patient_status: prng.chance(0.95) ? 'A' : 'I',
    default_pharmacy: prng.pick(PHARMACIES),
    preferred_pharmacies: [prng.pick(PHARMACIES)],
    created_at: isoSeconds(createdMs),
    updated_at: isoSeconds(updatedMs),
  };
}

/** A demographic change a front desk would make; returns the same patient object, changed. */
export function changePatient(prng: Prng, patient: Patient, atMs: number): Patient {
  if (prng.chance(0.5)) patient.cell_phone = fakePhone(prng);
  else patient.address = `${prng.int(10, 9999)} ${prng.pick(STREETS)}`;
  patient.updated_at = isoSeconds(atMs);
  return patient;
}
