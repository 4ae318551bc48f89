/** Our row shapes produced by the DRX mapper; the sync engine knows only these, never the wire format. */

export interface AddressRow {
  street: string | null;
  city: string | null;
  state: string | null;
  zip: string | null;
}

/** A validated DRX doctor, keyed by NPI (prescribers) and DRX id (pharmacy_prescribers). */
export interface PrescriberRow {
  externalId: string;
  npi: string;
  firstName: string | null;
  lastName: string | null;
  dea: string | null;
  prescriberType: string | null;
  email: string | null;
  stateLicense: string | null;
  phoneNumbers: string[];
  addresses: AddressRow[];
  /** sha256 over the fields above: equal hash ⇒ nothing to write. */
  contentHash: string;
}

/** A validated DRX prescription. Patient names and SIG live only in `raw`. */
export interface PrescriptionRow {
  externalId: string;
  prescriberNpi: string;
  prescriberFirstName: string | null;
  prescriberLastName: string | null;
  doctorExternalId: string | null;
  patientExternalId: string | null;
  itemExternalId: string | null;
  ndc: string | null;
  drugName: string | null;
  writtenDate: string | null; // YYYY-MM-DD
  expirationDate: string | null;
  inactivated: boolean;
  daw: number | null;
  refills: number | null;
  totalQtyRemaining: number | null;
  lastFilledOn: string | null;
  lastFillStatus: string | null;
  /** The date DRX's after_date filter sees: latest fill date, else created_at. */
  activityAt: Date | null;
  sourceCreatedAt: Date | null;
  sourceUpdatedAt: Date | null;
  raw: unknown;
  contentHash: string;
}

/** A validated DRX fill; joined to its prescription by DRX id. */
export interface FillRow {
  externalId: string;
  prescriptionExternalId: string;
  status: string;
  fillDate: Date | null;
  daysSupply: number | null;
  dispensedQuantity: number | null;
  ndc: string | null;
  drugName: string | null;
  sourceUpdatedAt: Date | null;
  raw: unknown;
  contentHash: string;
}

/** A record that failed validation: its key and why, never its content. */
export interface InvalidRecord {
  externalId: string;
  reason: string;
}
