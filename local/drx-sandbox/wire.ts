// Wire shapes of DRX External API v1 records, as /work/shared/contracts/drx-api.md
// lists them. Optional fields are optional because the sandbox's invalid
// records omit them, as real DRX data sometimes does.

/** Every fill status DRX reports. */
export const FILL_STATUSES = [
  'Hold',
  'Pre-Check',
  'Print',
  'Scan',
  'Verify',
  'Adjudicating',
  'Waiting Bin',
  'Sold',
  'OOS',
  'Rejected',
] as const;
export type FillStatus = (typeof FILL_STATUSES)[number];

/** A status no real fill has; the sandbox's invalid fills carry it. */
export type UnknownFillStatus = 'Teleported';

/** Events a webhook subscription may name; note `Adjudicating` has no event. */
export const WEBHOOK_EVENTS = [
  'Prescription Created',
  'Hold',
  'Print',
  'Scan',
  'Rejected',
  'Verify',
  'OOS',
  'Waiting Bin',
  'Sold',
  'Pre-Check',
  'Delivery',
  'Confirm Pickup',
  'Return to Stock',
  'Update Bin Location',
] as const;
export type WebhookEvent = (typeof WEBHOOK_EVENTS)[number];

export const PRESCRIBER_TYPES = ['MD', 'DO', 'NP', 'PA'] as const;
export type PrescriberType = (typeof PRESCRIBER_TYPES)[number];

export interface Address {
  street: string;
  city: string;
  state: string;
  zip: string;
}

export interface Doctor {
  id: number;
  /** Absent on the sandbox's "missing NPI" invalid doctors. */
  npi?: string;
  dea: string;
  first_name: string;
  last_name: string;
  prescriber_type: PrescriberType;
  email: string;
  state_license: string;
  phone_numbers: string[];
  addresses: Address[];
  created_at: string;
  updated_at: string;
}

export interface PatientRef {
  id: number;
  first_name: string;
  last_name: string;
  date_of_birth: string;
}

export interface DoctorRef {
  id: number;
  first_name: string;
  last_name: string;
  npi: string;
}

export interface PrescribedItem {
  id: number;
  name: string;
  ndc: string;
}

export interface FillSummary {
  id: number;
  status: FillStatus;
  fill_date: string;
  days_supply: number;
  dispensed_quantity: number;
}

export interface Prescription {
  id: number;
  store_id: number;
  written_date: string;
  expiration_date: string;
  inactivated: boolean;
  sig: string;
  daw: number;
  refills: number;
  total_qty_remaining: number;
  last_filled_on: string | null;
  last_fill_status: FillStatus | null;
  patient: PatientRef;
  /** Absent on the sandbox's "missing doctor" invalid prescriptions. */
  doctor?: DoctorRef;
  prescribed_item: PrescribedItem;
  prescription_fills: FillSummary[];
  created_at: string;
  updated_at: string;
}

export interface Fill {
  id: number;
  prescription_id: number;
  status: FillStatus | UnknownFillStatus;
  fill_date: string;
  days_supply: number;
  dispensed_quantity: number;
  item: { ndc: string; name: string };
  updated_at: string;
}

/** A fill whose status is one DRX really uses. */
export type ValidFill = Fill & { status: FillStatus };

/** True when `status` is one of the contract's fill statuses. */
export function isFillStatus(status: string): status is FillStatus {
  return (FILL_STATUSES as readonly string[]).includes(status);
}

/** True when `event` is one a webhook subscription may name. */
export function isWebhookEvent(event: string): event is WebhookEvent {
  return (WEBHOOK_EVENTS as readonly string[]).includes(event);
}
