/** DRX Fill → FillRow. */
import { jsonHash } from '../wire/content-hash.js';
import { wireErrorMap } from '../wire/wire-issues.js';
import { invalidRecord } from './invalid-record.js';
import type { MapResult } from './map-result.js';
import type { FillRow } from './rows.js';
import { wireFillSchema } from './wire-schemas.js';

// Part of every content hash: bump it when the mapping changes so the next sync rewrites stored rows.
const MAPPING_VERSION = 'fill-1:';

/** The content hash of a raw wire fill: computed before validation, so a sync can skip unchanged ones. */
export function fillHash(wire: unknown): string {
  return jsonHash(MAPPING_VERSION, wire);
}

/** Validates one wire fill and maps it; `fallbackId` keys it when it has no usable id. */
export function mapFill(wire: unknown, fallbackId = 'unknown'): MapResult<FillRow> {
  const parsed = wireFillSchema.safeParse(wire, { error: wireErrorMap });
  if (!parsed.success) return { ok: false, invalid: invalidRecord(wire, parsed.error, fallbackId) };
  const f = parsed.data;
  const fields: Omit<FillRow, 'contentHash'> = {
    externalId: f.id,
    prescriptionExternalId: f.prescription_id,
    status: f.status,
    fillDate: f.fill_date,
    daysSupply: f.days_supply,
    dispensedQuantity: f.dispensed_quantity,
    ndc: f.item?.ndc ?? null,
    drugName: f.item?.name ?? null,
    sourceUpdatedAt: f.updated_at,
    raw: wire,
  };
  // Every mapped field derives from the wire record, so hashing it alone covers them, and any change
  // on the wire (even a field we do not map) is a change.
  return { ok: true, row: { ...fields, contentHash: fillHash(wire) } };
}
