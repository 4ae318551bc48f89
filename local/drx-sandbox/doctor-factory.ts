// Builds one Doctor wire record from seeded randomness.
import { CITIES, FIRST_NAMES, LAST_NAMES, STREETS } from './catalog.js';
import { generateBadNpi, generateNpi } from './npi.js';
import type { Prng } from './prng.js';
import { DAY_MS, isoAt } from './time.js';
import { PRESCRIBER_TYPES } from './wire.js';
import type { Doctor, DoctorRef } from './wire.js';

/** How a generated doctor is broken, if at all. */
export type DoctorDefect = 'none' | 'bad-luhn' | 'missing-npi';

function digits(prng: Prng, count: number): string {
  let out = '';
  for (let i = 0; i < count; i++) out += String(prng.int(0, 9));
  return out;
}

/** Makes a doctor created within the two years before `nowMs`. */
export function makeDoctor(prng: Prng, id: number, nowMs: number, defect: DoctorDefect): Doctor {
  const first = prng.pick(FIRST_NAMES);
  const last = prng.pick(LAST_NAMES);
  const place = prng.pick(CITIES);
  const createdMs = nowMs - prng.int(30, 730) * DAY_MS;
  const updatedMs = createdMs + prng.int(0, 20) * DAY_MS;
  const doctor: Doctor = {
    id,
    npi: defect === 'bad-luhn' ? generateBadNpi(prng) : generateNpi(prng),
    dea: `${prng.pick(['A', 'B', 'F', 'M'])}${last[0] ?? 'X'}${digits(prng, 7)}`,
    first_name: first,
    last_name: last,
    prescriber_type: prng.pick(PRESCRIBER_TYPES),
    email: `${first}.${last}${id}@clinic.example`.toLowerCase(),
    state_license: `${place.state}${digits(prng, 6)}`,
    phone_numbers: [`555-${digits(prng, 3)}-${digits(prng, 4)}`],
    addresses: [
      { street: `${prng.int(1, 9999)} ${prng.pick(STREETS)}`, city: place.city, state: place.state, zip: place.zip },
    ],
    created_at: isoAt(createdMs),
    updated_at: isoAt(Math.min(updatedMs, nowMs)),
  };
  if (defect === 'missing-npi') delete doctor.npi;
  return doctor;
}

/** The reference a prescription embeds; only doctors with an NPI can be referenced. */
export function doctorRef(doctor: Doctor): DoctorRef | undefined {
  if (doctor.npi === undefined) return undefined;
  return { id: doctor.id, first_name: doctor.first_name, last_name: doctor.last_name, npi: doctor.npi };
}
