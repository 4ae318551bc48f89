// Changes to a live store's data: new prescriptions, late fills, status
// changes and bulk "x% changed" edits. Webhooks are the caller's business.
import { makeFill, makePrescription } from './prescription-factory.js';
import type { RxContext } from './prescription-factory.js';
import { sampleIndices } from './prng.js';
import type { StoreData } from './store-data.js';
import { DAY_MS, isoAt } from './time.js';
import { FILL_STATUSES } from './wire.js';
import type { Fill, FillStatus, Prescription, ValidFill } from './wire.js';

/** What addPrescription may fix; everything else is generated. */
export interface AddPrescriptionInput {
  sig?: string;
  refills?: number;
  inactivated?: boolean;
  /** Status of the new prescription's first fill; default 'Pre-Check'. */
  fillStatus?: FillStatus;
}

/** The data, the generator state, and the store clock reading. */
export interface MutationTarget {
  data: StoreData;
  ctx: RxContext;
  nowMs: number;
}

/** Creates a valid prescription with one fill, both dated `fillMs` (created a day earlier if in the past). */
export function createPrescription(
  t: MutationTarget,
  fillMs: number,
  input: AddPrescriptionInput = {},
): { rx: Prescription; fill: ValidFill } {
  const createdMs = fillMs < t.nowMs ? fillMs - DAY_MS : fillMs;
  const rx = makePrescription(t.ctx, t.data.nextPrescriptionId(), createdMs);
  if (input.sig !== undefined) rx.sig = input.sig;
  if (input.refills !== undefined) rx.refills = input.refills;
  if (input.inactivated !== undefined) rx.inactivated = input.inactivated;
  t.data.addPrescription(rx, true);
  const fill = makeFill(t.ctx.prng, t.data.nextFillId(), rx, fillMs, input.fillStatus ?? 'Pre-Check', t.nowMs);
  t.data.addFill(fill);
  return { rx, fill };
}

/** Sets a fill's status and touches it and its prescription. */
export function updateFillStatus(t: MutationTarget, fillId: number, status: FillStatus): Fill {
  const fill = t.data.fill(fillId);
  if (!fill) throw new Error(`unknown fill ${fillId}`);
  fill.status = status;
  touchFill(t, fill);
  return fill;
}

/** Adds a fill dated yesterday but updated now: an after_date window past yesterday never sees it. */
export function addLateFill(t: MutationTarget, prescriptionId: number): Fill {
  const rx = t.data.prescription(prescriptionId);
  if (!rx) throw new Error(`unknown prescription ${prescriptionId}`);
  const fill = makeFill(t.ctx.prng, t.data.nextFillId(), rx, t.nowMs - DAY_MS, 'Sold', t.nowMs);
  fill.updated_at = isoAt(t.nowMs);
  t.data.addFill(fill);
  rx.updated_at = fill.updated_at;
  return fill;
}

/** Edits round(fraction × valid prescriptions) of them (refills, inactivated or sig); returns their ids. */
export function changePrescriptions(t: MutationTarget, fraction: number): number[] {
  const { prng } = t.ctx;
  const ids = pickIds(t, t.data.validPrescriptionIds(), fraction);
  for (const id of ids) {
    const rx = t.data.prescription(id);
    if (!rx) continue;
    const kind = prng.int(0, 2);
    if (kind === 0) rx.refills = (rx.refills + 1) % 12;
    else if (kind === 1) rx.inactivated = !rx.inactivated;
    else rx.sig = `${rx.sig} (changed)`;
    rx.updated_at = isoAt(t.nowMs);
  }
  return ids;
}

/** Edits round(fraction × valid fills) of them (status or dispensed quantity); returns their ids. */
export function changeFills(t: MutationTarget, fraction: number): number[] {
  const { prng } = t.ctx;
  const ids = pickIds(t, t.data.validFillIds(), fraction);
  for (const id of ids) {
    const fill = t.data.fill(id);
    if (!fill) continue;
    if (prng.chance(0.5)) {
      const others = FILL_STATUSES.filter((s) => s !== fill.status);
      fill.status = prng.pick(others);
    } else {
      fill.dispensed_quantity += prng.int(1, 30);
    }
    touchFill(t, fill);
  }
  return ids;
}

function pickIds(t: MutationTarget, ids: readonly number[], fraction: number): number[] {
  if (!(fraction >= 0 && fraction <= 1)) throw new Error(`fraction must be within 0..1, got ${fraction}`);
  const picked = sampleIndices(t.ctx.prng, ids.length, Math.round(fraction * ids.length));
  return picked.map((i) => ids[i] as number).sort((a, b) => a - b);
}

// A fill change shows in its prescription's nested fills, so both are updated.
function touchFill(t: MutationTarget, fill: Fill): void {
  fill.updated_at = isoAt(t.nowMs);
  const rx = t.data.prescription(fill.prescription_id);
  if (!rx) return;
  rx.updated_at = fill.updated_at;
  t.data.refresh(rx);
}
