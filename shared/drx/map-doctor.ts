/** DRX Doctor → PrescriberRow. */
import { jsonHash } from '../wire/content-hash.js';
import { wireErrorMap } from '../wire/wire-issues.js';
import { invalidRecord } from './invalid-record.js';
import type { MapResult } from './map-result.js';
import type { PrescriberRow } from './rows.js';
import { wireDoctorSchema } from './wire-schemas.js';

// Part of every content hash: bump it when the mapping changes so the next sync rewrites stored rows.
const MAPPING_VERSION = 'doctor-1:';

/** Validates one wire doctor and maps it; `fallbackId` keys it when it has no usable id. */
export function mapDoctor(wire: unknown, fallbackId = 'unknown'): MapResult<PrescriberRow> {
  const parsed = wireDoctorSchema.safeParse(wire, { error: wireErrorMap });
  if (!parsed.success) return { ok: false, invalid: invalidRecord(wire, parsed.error, fallbackId) };
  const d = parsed.data;
  const fields = {
    externalId: d.id,
    npi: d.npi,
    firstName: d.first_name,
    lastName: d.last_name,
    dea: d.dea,
    prescriberType: d.prescriber_type,
    email: d.email,
    stateLicense: d.state_license,
    phoneNumbers: d.phone_numbers,
    addresses: d.addresses,
  };
  // Doctors keep no raw: the hash covers exactly what is written to prescribers. Key order is
  // fixed by this literal and by the schema (zod outputs keys in shape order), so plain JSON is stable.
  return { ok: true, row: { ...fields, contentHash: jsonHash(MAPPING_VERSION, fields) } };
}
