/**
 * Finds the raw records of a page that are stored exactly as they are, before
 * any validation: on a re-sync ~95% of records are unchanged, and validating
 * and mapping them only to drop them at the content-hash pre-select was most
 * of the sync's CPU time.
 *
 * Safe because a hash covers the whole raw record (id included) and only rows
 * that passed validation are stored: an equal stored hash means this very
 * record validated before, and under the same MAPPING_VERSION maps the same.
 */
import type { KnownUnchanged, UnchangedCandidate } from '../sync/page-source.js';
import { fillHash } from './map-fill.js';
import { prescriptionHash } from './map-prescription.js';
import { validWireDateTimeMs } from '../wire/wire-fields.js';

type HashedStream = 'prescriptions' | 'fills';

const HASH: { [S in HashedStream]: (wire: unknown) => string } = { prescriptions: prescriptionHash, fills: fillHash };

/** The external id validation would give a raw record (wireId), or null when only validation can tell. */
export function rawExternalId(wire: unknown): string | null {
  if (typeof wire !== 'object' || wire === null || Array.isArray(wire)) return null;
  const id = (wire as Record<string, unknown>).id;
  if (typeof id === 'number') return Number.isSafeInteger(id) && id >= 0 ? String(id) : null;
  if (typeof id !== 'string') return null;
  const trimmed = id.trim();
  return trimmed.length > 0 ? trimmed : null;
}

/**
 * The filter date of a record known to be valid (it is stored): as mapPrescription's
 * activityAt (latest fill date, else created_at) and mapFill's fillDate compute it.
 */
export function rawFilterDate(stream: HashedStream, wire: unknown): Date | null {
  const ms = rawFilterMs(stream, wire);
  return ms === null ? null : new Date(ms);
}

function rawFilterMs(stream: HashedStream, wire: unknown): number | null {
  const record = wire as Record<string, unknown>;
  if (stream === 'fills') return validWireDateTimeMs(record.fill_date);
  let latest: number | null = null;
  const fills = record.prescription_fills;
  if (Array.isArray(fills)) {
    for (const f of fills as unknown[]) {
      const ms = typeof f === 'object' && f !== null ? validWireDateTimeMs((f as Record<string, unknown>).fill_date) : null;
      if (ms !== null && (latest === null || ms > latest)) latest = ms;
    }
  }
  return latest ?? validWireDateTimeMs(record.created_at);
}

export interface SkipPlan {
  /** skip[i]: item i is stored unchanged and needs no validation. */
  skip: boolean[];
  skipped: number;
  /** Largest filter date among the skipped items. */
  maxDate: Date | null;
}

/** Asks `known` about every item with a usable raw id; items without one are left to validation. */
export async function planSkips(stream: HashedStream, items: readonly unknown[], known: KnownUnchanged): Promise<SkipPlan> {
  const hash = HASH[stream];
  const hashes: (string | null)[] = [];
  const candidates: UnchangedCandidate[] = [];
  for (const item of items) {
    const externalId = rawExternalId(item);
    const h = externalId === null ? null : hash(item);
    hashes.push(h);
    if (externalId !== null && h !== null) candidates.push({ externalId, hash: h });
  }
  const plan: SkipPlan = { skip: items.map(() => false), skipped: 0, maxDate: null };
  if (candidates.length === 0) return plan;
  const unchanged = await known(stream, candidates);
  let maxMs: number | null = null;
  hashes.forEach((h, i) => {
    if (h === null || !unchanged.has(h)) return;
    plan.skip[i] = true;
    plan.skipped++;
    const ms = rawFilterMs(stream, items[i]);
    if (ms !== null && (maxMs === null || ms > maxMs)) maxMs = ms;
  });
  plan.maxDate = maxMs === null ? null : new Date(maxMs);
  return plan;
}
