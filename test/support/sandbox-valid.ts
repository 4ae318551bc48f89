/** The records of a sandbox store our sync must keep: the valid ones, by the sandbox's own defects. */
import { FILL_STATUSES, isValidNpi, type SandboxStore } from '../../local/drx-sandbox/index.js';

export interface ValidIds {
  doctors: string[];
  prescriptions: string[];
  fills: string[];
}

const sortedIds = (ids: number[]): string[] => ids.sort((a, b) => a - b).map(String);

/**
 * External ids of the valid records. The sandbox breaks records in known ways: a doctor
 * without an NPI or with a bad Luhn digit, a prescription with a negative quantity or no
 * doctor, a fill with an unknown status or a negative quantity.
 */
export function validSandboxIds(store: SandboxStore): ValidIds {
  const { doctors, prescriptions, fills } = store.data;
  return {
    doctors: sortedIds(doctors.filter((d) => d.npi !== undefined && isValidNpi(d.npi)).map((d) => d.id)),
    prescriptions: sortedIds(prescriptions.filter((p) => p.doctor !== undefined && p.total_qty_remaining >= 0).map((p) => p.id)),
    fills: sortedIds(
      fills.filter((f) => (FILL_STATUSES as readonly string[]).includes(f.status) && f.dispensed_quantity >= 0).map((f) => f.id),
    ),
  };
}

/** Distinct NPIs of the valid doctors (prescribers upsert on NPI). */
export function validNpis(store: SandboxStore): string[] {
  return [...new Set(store.data.doctors.filter((d) => d.npi !== undefined && isValidNpi(d.npi)).map((d) => d.npi as string))].sort();
}
