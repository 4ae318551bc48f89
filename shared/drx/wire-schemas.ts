/**
 * zod schemas for DRX records (contract: "Records (fields we use)"). Objects are
 * lenient on extra fields (stripped here; the caller keeps the raw record) and
 * strict on the fields we use.
 */
import { z } from 'zod';
import { DRX_FILL_STATUSES } from './fill-statuses.js';
import { nullable, rule, wireCount, wireDate, wireDateTime, wireId, wireQuantity, wireText } from '../wire/wire-fields.js';
import { wireNpi } from './wire-npi.js';

const fillStatus = z.enum(DRX_FILL_STATUSES, { error: rule('must be one of the DRX fill statuses') });

const address = z.object({ street: wireText, city: wireText, state: wireText, zip: wireText });

/** A DRX doctor; NPI required and Luhn-valid. */
export const wireDoctorSchema = z.object({
  id: wireId,
  npi: wireNpi,
  dea: wireText,
  first_name: wireText,
  last_name: wireText,
  prescriber_type: wireText,
  email: wireText,
  state_license: wireText,
  phone_numbers: nullable(z.array(z.string({ error: 'must be strings' }).nullable())).transform((v) =>
    (v ?? []).filter((p): p is string => p !== null && p.trim() !== ''),
  ),
  addresses: nullable(z.array(address)).transform((v) => v ?? []),
  created_at: nullable(wireDateTime),
  updated_at: nullable(wireDateTime),
});

/** The prescriber a prescription embeds: its NPI is what links it to `prescribers`. */
const doctorRef = z.object({
  id: nullable(wireId),
  first_name: wireText,
  last_name: wireText,
  npi: wireNpi,
});

/** The fill summary a prescription embeds; only its date is used (activityAt). */
const fillSummary = z.object({ id: nullable(wireId), fill_date: nullable(wireDateTime) });

/** A DRX prescription; its doctor (with a valid NPI) is required. */
export const wirePrescriptionSchema = z.object({
  id: wireId,
  written_date: nullable(wireDate),
  expiration_date: nullable(wireDate),
  inactivated: nullable(z.union([z.boolean(), z.literal(0), z.literal(1)], { error: 'must be a boolean' })).transform(
    (v) => v === true || v === 1,
  ),
  daw: nullable(wireCount),
  refills: nullable(wireCount),
  total_qty_remaining: nullable(wireQuantity),
  last_filled_on: nullable(wireDate),
  last_fill_status: nullable(fillStatus),
  patient: nullable(z.object({ id: nullable(wireId) })),
  doctor: doctorRef,
  prescribed_item: nullable(z.object({ id: nullable(wireId), name: wireText, ndc: wireText })),
  prescription_fills: nullable(z.array(fillSummary)).transform((v) => v ?? []),
  created_at: nullable(wireDateTime),
  updated_at: nullable(wireDateTime),
});

/** A DRX fill; status must be one of the contract's statuses. */
export const wireFillSchema = z.object({
  id: wireId,
  prescription_id: wireId,
  status: fillStatus,
  fill_date: nullable(wireDateTime),
  days_supply: nullable(wireCount),
  dispensed_quantity: nullable(wireQuantity),
  item: nullable(z.object({ ndc: wireText, name: wireText })),
  updated_at: nullable(wireDateTime),
});

export type WireDoctor = z.output<typeof wireDoctorSchema>;
export type WirePrescription = z.output<typeof wirePrescriptionSchema>;
export type WireFill = z.output<typeof wireFillSchema>;
