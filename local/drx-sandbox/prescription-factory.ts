// Builds Prescription and Fill wire records and keeps a prescription's
// fill-derived fields (nested fills, last fill) consistent with its fills.
import { DRUGS, FIRST_NAMES, LAST_NAMES, SIGS } from './catalog.js';
import type { Prng } from './prng.js';
import { DAY_MS, MINUTE_MS, dateOnly, isoAt } from './time.js';
import { FILL_STATUSES } from './wire.js';
import type { DoctorRef, FillStatus, PatientRef, Prescription, ValidFill } from './wire.js';

/** What every generated prescription draws from. */
export interface RxContext {
  prng: Prng;
  storeId: number;
  doctors: readonly DoctorRef[];
  patients: readonly PatientRef[];
}

/** Makes `count` patients with birth dates 18-90 years before `nowMs`. */
export function makePatients(prng: Prng, count: number, nowMs: number): PatientRef[] {
  return Array.from({ length: count }, (_, i) => ({
    id: 50_001 + i,
    first_name: prng.pick(FIRST_NAMES),
    last_name: prng.pick(LAST_NAMES),
    date_of_birth: dateOnly(nowMs - prng.int(18 * 365, 90 * 365) * DAY_MS),
  }));
}

/** Makes a prescription created at `createdMs` with no fills yet. */
export function makePrescription(ctx: RxContext, id: number, createdMs: number): Prescription {
  const { prng } = ctx;
  const drugIndex = prng.int(0, DRUGS.length - 1);
  const drug = DRUGS[drugIndex] ?? DRUGS[0];
  const writtenMs = createdMs - prng.int(0, 3) * DAY_MS;
  const refills = prng.int(0, 11);
  return {
    id,
    store_id: ctx.storeId,
    written_date: dateOnly(writtenMs),
    expiration_date: dateOnly(writtenMs + 365 * DAY_MS),
    inactivated: prng.chance(0.05),
    sig: prng.pick(SIGS),
    daw: prng.chance(0.8) ? 0 : prng.int(1, 9),
    refills,
    total_qty_remaining: 30 * (refills + 1),
    last_filled_on: null,
    last_fill_status: null,
    patient: prng.pick(ctx.patients),
    doctor: prng.pick(ctx.doctors),
    prescribed_item: { id: 7_001 + drugIndex, name: drug.name, ndc: drug.ndc },
    prescription_fills: [],
    created_at: isoAt(createdMs),
    updated_at: isoAt(createdMs),
  };
}

/** A plausible status for a fill dated `fillMs`: old fills are nearly all sold. */
export function pickStatus(prng: Prng, fillMs: number, nowMs: number): FillStatus {
  if (nowMs - fillMs > 7 * DAY_MS) return prng.chance(0.92) ? 'Sold' : prng.pick(['Rejected', 'OOS'] as const);
  return prng.pick(FILL_STATUSES);
}

/** Makes a fill of `rx` dated `fillMs`, updated up to two hours later (never after `nowMs`). */
export function makeFill(prng: Prng, id: number, rx: Prescription, fillMs: number, status: FillStatus, nowMs: number): ValidFill {
  const daysSupply = prng.pick([30, 30, 30, 60, 90] as const);
  return {
    id,
    prescription_id: rx.id,
    status,
    fill_date: isoAt(fillMs),
    days_supply: daysSupply,
    dispensed_quantity: daysSupply,
    item: { ndc: rx.prescribed_item.ndc, name: rx.prescribed_item.name },
    updated_at: isoAt(Math.min(nowMs, fillMs + prng.int(0, 120) * MINUTE_MS)),
  };
}

/**
 * Rewrites the fill-derived fields of `rx` from its (valid) fills, sorted by
 * fill date. Invalid fills are never passed here, so they only show up in
 * /prescription-fills and the valid-prescription count stays exact.
 */
export function applyFills(rx: Prescription, fills: readonly ValidFill[]): void {
  rx.prescription_fills = fills.map((f) => ({
    id: f.id,
    status: f.status,
    fill_date: f.fill_date,
    days_supply: f.days_supply,
    dispensed_quantity: f.dispensed_quantity,
  }));
  const last = fills.at(-1);
  rx.last_filled_on = last ? last.fill_date.slice(0, 10) : null;
  rx.last_fill_status = last ? last.status : null;
}
