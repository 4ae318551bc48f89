/** DRX Prescription → PrescriptionRow. */
import { jsonHash } from '../wire/content-hash.js';
import { wireErrorMap } from '../wire/wire-issues.js';
import { invalidRecord } from './invalid-record.js';
import type { MapResult } from './map-result.js';
import type { PrescriptionRow } from './rows.js';
import { wirePrescriptionSchema } from './wire-schemas.js';

// Part of every content hash: bump it when the mapping changes so the next sync rewrites stored rows.
const MAPPING_VERSION = 'rx-1:';

// DRX's after_date on /prescriptions filters by fill dates (contract), so the
// latest fill date is the date that moves the cursor; an unfilled one has only created_at.
function latestActivity(fillDates: readonly (Date | null)[], createdAt: Date | null): Date | null {
  let latest: Date | null = null;
  for (const d of fillDates) if (d !== null && (latest === null || d > latest)) latest = d;
  return latest ?? createdAt;
}

/** The content hash of a raw wire prescription: computed before validation, so a sync can skip unchanged ones. */
export function prescriptionHash(wire: unknown): string {
  return jsonHash(MAPPING_VERSION, wire);
}

/** Validates one wire prescription and maps it; `fallbackId` keys it when it has no usable id. */
export function mapPrescription(wire: unknown, fallbackId = 'unknown'): MapResult<PrescriptionRow> {
  const parsed = wirePrescriptionSchema.safeParse(wire, { error: wireErrorMap });
  if (!parsed.success) return { ok: false, invalid: invalidRecord(wire, parsed.error, fallbackId) };
  const p = parsed.data;
  const fields: Omit<PrescriptionRow, 'contentHash'> = {
    externalId: p.id,
    prescriberNpi: p.doctor.npi,
    prescriberFirstName: p.doctor.first_name,
    prescriberLastName: p.doctor.last_name,
    doctorExternalId: p.doctor.id,
    patientExternalId: p.patient?.id ?? null,
    itemExternalId: p.prescribed_item?.id ?? null,
    ndc: p.prescribed_item?.ndc ?? null,
    drugName: p.prescribed_item?.name ?? null,
    writtenDate: p.written_date,
    expirationDate: p.expiration_date,
    inactivated: p.inactivated,
    daw: p.daw,
    refills: p.refills,
    totalQtyRemaining: p.total_qty_remaining,
    lastFilledOn: p.last_filled_on,
    lastFillStatus: p.last_fill_status,
    activityAt: latestActivity(
      p.prescription_fills.map((f) => f.fill_date),
      p.created_at,
    ),
    sourceCreatedAt: p.created_at,
    sourceUpdatedAt: p.updated_at,
    raw: wire,
  };
  // Every mapped field derives from the wire record, so hashing it alone covers them, and any change
  // on the wire (even a field we do not map) is a change.
  return { ok: true, row: { ...fields, contentHash: prescriptionHash(wire) } };
}
