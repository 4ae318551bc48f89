/** Realistic mapped DRX rows for sync and repository tests (what the DRX mapper would produce). */
import { createHash } from 'node:crypto';
import type { FillRow, PrescriberRow, PrescriptionRow } from '../../shared/drx/rows.js';

/** sha256 over the row's JSON without its hash: what a mapper's content hash stands for. */
export function hashOf(row: object): string {
  const { contentHash: _ignored, ...content } = row as { contentHash?: string };
  return createHash('sha256').update(JSON.stringify(content)).digest('hex');
}

/** A 10-digit NPI whose last digit is the Luhn check over 80840 + the first nine. */
export function npiFor(n: number): string {
  const base = String(100000000 + n).slice(-9).replace(/^0/, '1');
  const digits = `80840${base}`.split('').map(Number);
  let sum = 0;
  for (let i = digits.length - 1, double = true; i >= 0; i--, double = !double) {
    let d = digits[i] ?? 0;
    if (double) d = d * 2 > 9 ? d * 2 - 9 : d * 2;
    sum += d;
  }
  return `${base}${(10 - (sum % 10)) % 10}`;
}

const LAST_NAMES = ['Smith', 'Nguyen', 'Garcia', 'Okafor', 'Kowalski', 'Haddad', 'Larsen', 'Ibarra'];

/** Doctor n of a pharmacy (external id `d<n>`). */
export function prescriberRow(n: number, over: Partial<PrescriberRow> = {}): PrescriberRow {
  const row: PrescriberRow = {
    externalId: `d${n}`,
    npi: npiFor(n),
    firstName: 'Alex',
    lastName: LAST_NAMES[n % LAST_NAMES.length] ?? 'Smith',
    dea: `AB${String(1000000 + n)}`,
    prescriberType: 'MD',
    email: `doctor${n}@clinic.example`,
    stateLicense: `TX-${n}`,
    phoneNumbers: ['5125550100'],
    addresses: [{ street: '1 Main St', city: 'Austin', state: 'TX', zip: '78701' }],
    contentHash: '',
    ...over,
  };
  return { ...row, contentHash: hashOf(row) };
}

/** Prescription n written by doctor `doctor` on day `day` of January 2026. */
export function prescriptionRow(n: number, doctor: number, day = 1 + (n % 28), over: Partial<PrescriptionRow> = {}): PrescriptionRow {
  const dd = String(day).padStart(2, '0');
  const doc = prescriberRow(doctor);
  const row: PrescriptionRow = {
    externalId: `rx${n}`,
    prescriberNpi: doc.npi,
    prescriberFirstName: doc.firstName,
    prescriberLastName: doc.lastName,
    doctorExternalId: doc.externalId,
    patientExternalId: `pt${n % 50}`,
    itemExternalId: `it${n % 20}`,
    ndc: '00093015001',
    drugName: 'Amoxicillin 500mg',
    writtenDate: `2026-01-${dd}`,
    expirationDate: '2027-01-01',
    inactivated: false,
    daw: 0,
    refills: 3,
    totalQtyRemaining: 60.5,
    lastFilledOn: `2026-01-${dd}`,
    lastFillStatus: 'Sold',
    activityAt: new Date(`2026-01-${dd}T10:00:00Z`),
    sourceCreatedAt: new Date(`2026-01-${dd}T09:00:00Z`),
    sourceUpdatedAt: new Date(`2026-01-${dd}T10:00:00Z`),
    raw: { id: n, patient: { id: n % 50, first_name: 'Pat', last_name: 'Doe' }, sig: 'take 1 daily' },
    contentHash: '',
    ...over,
  };
  return { ...row, contentHash: hashOf(row) };
}

/** Fill n of prescription `rx`, filled on day `day` of January 2026. */
export function fillRow(n: number, rx: number, day = 1 + (n % 28), over: Partial<FillRow> = {}): FillRow {
  const dd = String(day).padStart(2, '0');
  const row: FillRow = {
    externalId: `f${n}`,
    prescriptionExternalId: `rx${rx}`,
    status: 'Sold',
    fillDate: new Date(`2026-01-${dd}T12:00:00Z`),
    daysSupply: 30,
    dispensedQuantity: 30,
    ndc: '00093015001',
    drugName: 'Amoxicillin 500mg',
    sourceUpdatedAt: new Date(`2026-01-${dd}T12:00:00Z`),
    raw: { id: n, prescription_id: rx, status: 'Sold' },
    contentHash: '',
    ...over,
  };
  return { ...row, contentHash: hashOf(row) };
}

/** A random starting number so doctors (global by NPI) never collide between tests. */
export function uniqueDoctorBase(): number {
  return 1_000_000 + Math.floor(Math.random() * 800_000_000);
}
