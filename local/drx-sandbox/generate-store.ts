// Generates a store's records deterministically from its options and clock.
import { doctorRef, makeDoctor } from './doctor-factory.js';
import type { DoctorDefect } from './doctor-factory.js';
import { makeFill, makePatients, makePrescription, pickStatus } from './prescription-factory.js';
import type { RxContext } from './prescription-factory.js';
import { createPrng, sampleIndices } from './prng.js';
import type { Prng } from './prng.js';
import { StoreData } from './store-data.js';
import type { ResolvedStoreOptions } from './store-options.js';
import { DAY_MS, MINUTE_MS } from './time.js';
import type { DoctorRef, Prescription } from './wire.js';

/** A stable numeric store_id from the slug (FNV-1a), so wire records carry one. */
export function storeIdFor(slug: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < slug.length; i++) h = Math.imul(h ^ slug.charCodeAt(i), 0x01000193) >>> 0;
  return 1000 + (h % 9000);
}

/** Builds every record of a store; same options and `nowMs` give identical data. */
export function generateStore(opts: ResolvedStoreOptions, nowMs: number): { data: StoreData; ctx: RxContext } {
  const prng = createPrng(opts.seed);
  const data = new StoreData();
  const refs = generateDoctors(prng, data, opts, nowMs);
  const ctx: RxContext = {
    prng,
    storeId: storeIdFor(opts.slug),
    doctors: refs,
    patients: makePatients(prng, Math.max(1, Math.ceil(opts.prescriptions / 3)), nowMs),
  };
  generatePrescriptions(ctx, data, opts, nowMs);
  generateInvalidFills(ctx, data, opts.invalidFills, nowMs);
  data.prescriptions.settle();
  data.fills.settle();
  return { data, ctx };
}

function generateDoctors(prng: Prng, data: StoreData, opts: ResolvedStoreOptions, nowMs: number): DoctorRef[] {
  const total = opts.doctors + opts.invalidDoctors;
  const invalidAt = new Set(sampleIndices(prng, total, opts.invalidDoctors));
  const refs: DoctorRef[] = [];
  let nthInvalid = 0;
  for (let i = 0; i < total; i++) {
    const defect: DoctorDefect = !invalidAt.has(i) ? 'none' : nthInvalid++ % 2 === 0 ? 'bad-luhn' : 'missing-npi';
    const doctor = makeDoctor(prng, i + 1, nowMs, defect);
    data.addDoctor(doctor);
    const ref = defect === 'none' ? doctorRef(doctor) : undefined;
    if (ref) refs.push(ref);
  }
  return refs;
}

function generatePrescriptions(ctx: RxContext, data: StoreData, opts: ResolvedStoreOptions, nowMs: number): void {
  const { prng } = ctx;
  const total = opts.prescriptions + opts.invalidPrescriptions;
  const invalidAt = new Set(sampleIndices(prng, total, opts.invalidPrescriptions));
  const maxFills = Math.round(2 * opts.fillsPerPrescription);
  let nthInvalid = 0;
  for (let i = 0; i < total; i++) {
    const createdMs = nowMs - prng.int(DAY_MS, 730 * DAY_MS);
    const rx = makePrescription(ctx, i + 1, createdMs);
    if (invalidAt.has(i)) {
      breakPrescription(prng, rx, nthInvalid++);
      data.addPrescription(rx, false);
      continue;
    }
    data.addPrescription(rx, true);
    addFills(ctx, data, rx, prng.int(0, maxFills), nowMs);
  }
}

// Alternate the two defects so both kinds appear whenever there are two or more.
function breakPrescription(prng: Prng, rx: Prescription, nth: number): void {
  if (nth % 2 === 0) rx.total_qty_remaining = -prng.int(1, 90);
  else delete rx.doctor;
}

// Fills are spread evenly between creation and now, so every one is in the past.
function addFills(ctx: RxContext, data: StoreData, rx: Prescription, count: number, nowMs: number): void {
  const { prng } = ctx;
  const createdMs = Date.parse(rx.created_at);
  const step = (nowMs - createdMs) / (count + 1);
  for (let k = 0; k < count; k++) {
    const fillMs = Math.floor(createdMs + step * (k + 1) - prng.int(0, 60) * MINUTE_MS);
    const status = k < count - 1 ? 'Sold' : pickStatus(prng, fillMs, nowMs);
    data.addFill(makeFill(prng, data.nextFillId(), rx, Math.max(createdMs, fillMs), status, nowMs));
  }
}

function generateInvalidFills(ctx: RxContext, data: StoreData, count: number, nowMs: number): void {
  const { prng } = ctx;
  const rxIds = data.validPrescriptionIds();
  for (let i = 0; i < count; i++) {
    const rx = data.prescription(prng.pick(rxIds));
    if (!rx) continue;
    const createdMs = Date.parse(rx.created_at);
    const fill = makeFill(prng, data.nextFillId(), rx, prng.int(createdMs, nowMs), 'Sold', nowMs);
    if (i % 2 === 0) data.addInvalidFill({ ...fill, status: 'Teleported' });
    else data.addInvalidFill({ ...fill, dispensed_quantity: -prng.int(1, 30) });
  }
}
