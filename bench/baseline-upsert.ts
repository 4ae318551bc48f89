/**
 * The yardstick: the same rows into the same tables with nothing but plain
 * multi-row `INSERT … VALUES … ON CONFLICT DO UPDATE`, 100 rows a statement
 * (the API page size), autocommit, on one connection. No hash pre-selects, no
 * cursors, no metrics, no HTTP: what the database alone costs.
 */
import type pg from 'pg';
import type { FillRow, PrescriberRow, PrescriptionRow } from '../shared/drx/rows.js';
import type { MappedRows } from './generate-rows.js';

const BATCH = 100;

export interface BaselineResult {
  rows: number;
  seconds: number;
  /** Seconds per table group, for the findings. */
  split: { prescribers: number; prescriptions: number; fills: number };
}

type Cell = string | number | boolean | Date | null;

function values(rows: number, cols: number, extra = ''): string {
  const out: string[] = [];
  for (let r = 0; r < rows; r++) {
    const cells: string[] = [];
    for (let c = 1; c <= cols; c++) cells.push(`$${r * cols + c}`);
    out.push(`(${extra}${cells.join(',')})`);
  }
  return out.join(',');
}

function setAll(cols: readonly string[], skip: readonly string[]): string {
  return [...cols.filter((c) => !skip.includes(c)).map((c) => `${c} = excluded.${c}`), 'updated_at = now()'].join(', ');
}

const PRESCRIBER_COLS = ['npi', 'first_name', 'last_name', 'dea', 'prescriber_type', 'email', 'state_license',
  'phone_numbers', 'addresses', 'content_hash'] as const;
const RX_COLS = ['external_id', 'prescriber_id', 'prescriber_npi', 'doctor_external_id', 'patient_external_id',
  'item_external_id', 'ndc', 'drug_name', 'written_date', 'expiration_date', 'inactivated', 'daw', 'refills',
  'total_qty_remaining', 'last_filled_on', 'last_fill_status', 'activity_at', 'source_created_at', 'source_updated_at',
  'raw', 'content_hash'] as const;
const FILL_COLS = ['external_id', 'prescription_external_id', 'status', 'fill_date', 'days_supply',
  'dispensed_quantity', 'ndc', 'drug_name', 'source_updated_at', 'raw', 'content_hash'] as const;

const prescriberCells = (d: PrescriberRow): Cell[] => [d.npi, d.firstName, d.lastName, d.dea, d.prescriberType,
  d.email, d.stateLicense, JSON.stringify(d.phoneNumbers), JSON.stringify(d.addresses), d.contentHash];
const rxCells = (r: PrescriptionRow, prescriberId: string | null): Cell[] => [r.externalId, prescriberId,
  r.prescriberNpi, r.doctorExternalId, r.patientExternalId, r.itemExternalId, r.ndc, r.drugName, r.writtenDate,
  r.expirationDate, r.inactivated, r.daw, r.refills, r.totalQtyRemaining, r.lastFilledOn, r.lastFillStatus,
  r.activityAt, r.sourceCreatedAt, r.sourceUpdatedAt, JSON.stringify(r.raw ?? null), r.contentHash];
const fillCells = (f: FillRow): Cell[] => [f.externalId, f.prescriptionExternalId, f.status, f.fillDate,
  f.daysSupply, f.dispensedQuantity, f.ndc, f.drugName, f.sourceUpdatedAt, JSON.stringify(f.raw ?? null),
  f.contentHash];

function chunks<T>(rows: readonly T[]): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < rows.length; i += BATCH) out.push(rows.slice(i, i + BATCH));
  return out;
}

/** Upserts `data` for `pharmacyId` (already inserted) and times only the INSERT statements. */
export async function runBaselineUpsert(pool: pg.Pool, pharmacyId: string, data: MappedRows): Promise<BaselineResult> {
  // The id is a literal in the SQL text; pharmacies.id's own check keeps it to [a-z0-9_-].
  if (!/^[a-z0-9][a-z0-9_-]*$/.test(pharmacyId)) throw new Error(`unsafe pharmacy id ${pharmacyId}`);
  const ph = `'${pharmacyId}',`;
  // Statement texts and parameters are built before the clock starts, so it sees only the database.
  const doctorBatches = chunks(data.doctors).map((b) => ({ rows: b, params: b.flatMap(prescriberCells) }));
  const client = await pool.connect();
  try {
    const idByNpi = new Map<string, string>();
    let t = performance.now();
    for (const { rows, params } of doctorBatches) {
      const res = await client.query<{ id: string; npi: string }>(
        `insert into prescribers (${PRESCRIBER_COLS.join(',')}) values ${values(rows.length, PRESCRIBER_COLS.length)}
         on conflict (npi) do update set ${setAll(PRESCRIBER_COLS, ['npi'])} returning id, npi`,
        params,
      );
      for (const r of res.rows) idByNpi.set(r.npi, r.id);
      await client.query(
        `insert into pharmacy_prescribers (pharmacy_id, external_id, prescriber_id) values ${values(rows.length, 2, ph)}
         on conflict (pharmacy_id, external_id) do update set prescriber_id = excluded.prescriber_id, last_seen_at = now()`,
        rows.flatMap((d) => [d.externalId, idByNpi.get(d.npi) ?? null]),
      );
    }
    const prescribers = (performance.now() - t) / 1000;

    const rxSql = (n: number) => `insert into prescriptions (pharmacy_id, ${RX_COLS.join(',')})
      values ${values(n, RX_COLS.length, ph)}
      on conflict (pharmacy_id, external_id) do update set ${setAll(RX_COLS, ['external_id'])}`;
    const rxBatches = chunks(data.prescriptions).map((b) => ({
      text: rxSql(b.length),
      params: b.flatMap((r) => rxCells(r, idByNpi.get(r.prescriberNpi) ?? null)),
    }));
    t = performance.now();
    for (const { text, params } of rxBatches) await client.query(text, params);
    const prescriptions = (performance.now() - t) / 1000;

    const fillSql = (n: number) => `insert into prescription_fills (pharmacy_id, ${FILL_COLS.join(',')})
      values ${values(n, FILL_COLS.length, ph)}
      on conflict (pharmacy_id, external_id) do update set ${setAll(FILL_COLS, ['external_id'])}`;
    const fillBatches = chunks(data.fills).map((b) => ({ text: fillSql(b.length), params: b.flatMap(fillCells) }));
    t = performance.now();
    for (const { text, params } of fillBatches) await client.query(text, params);
    const fills = (performance.now() - t) / 1000;

    return {
      rows: data.doctors.length + data.prescriptions.length + data.fills.length,
      seconds: prescribers + prescriptions + fills,
      split: { prescribers, prescriptions, fills },
    };
  } finally {
    client.release();
  }
}
