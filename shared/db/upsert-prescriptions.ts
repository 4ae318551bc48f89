/** Multi-row upsert of DRX prescriptions on (pharmacy_id, external_id), skipping unchanged rows before the write. */
import { sql, type RawBuilder } from 'kysely';
import type { PrescriptionRow } from '../drx/rows.js';
import type { Db } from './create-db.js';
import { dedupeByKey } from './dedupe-by-key.js';
import { ensurePrescribers } from './ensure-prescribers.js';
import type { WrittenRows } from './upsert-fills.js';
import { rowsAsJson, withAlongside } from './upsert-json.js';

export interface UpsertPrescriptionsResult extends WrittenRows {
  /** New prescriptions per prescriber id, with the prescriber's display name (last name, else first). */
  createdByPrescriber: Map<string, { count: number; name: string | null }>;
  /** Prescribers whose metrics may have changed: new and previous owners of every written row. */
  prescriberIds: string[];
  /** The prescriber id of every NPI the written rows name (a sync keeps them for the run). */
  idByNpi: Map<string, string>;
}

/** What a page needs written, decided before any transaction is opened. */
export interface PrescriptionsPlan {
  /** Rows given, duplicates included: what the counts add up to. */
  input: number;
  /** Rows whose content hash differs from the stored one (or that are not stored). */
  changed: PrescriptionRow[];
  /** The prescriber each changed row had before, when it was stored. */
  previousPrescriber: Map<string, string | null>;
}

/**
 * Pre-selects stored hashes so unchanged rows are never sent. `preselect: false`
 * is for a caller that knows the pharmacy had no prescriptions yet: every row is
 * planned, and the upsert's own hash check still leaves unchanged rows alone.
 */
export async function planPrescriptions(
  db: Db,
  pharmacyId: string,
  input: readonly PrescriptionRow[],
  opts: { preselect: boolean } = { preselect: true },
): Promise<PrescriptionsPlan> {
  const rows = dedupeByKey(input, (r) => r.externalId);
  if (!opts.preselect) return { input: input.length, changed: rows, previousPrescriber: new Map() };
  // Postgres compares the hashes and answers with the changed ids only (and their previous prescriber):
  // on a re-sync that is a few rows instead of every row of the page to receive and parse.
  const stale = await sql<{ external_id: string; prescriber_id: string | null }>`
    select k.external_id, p.prescriber_id
    from unnest(${rows.map((r) => r.externalId)}::text[], ${rows.map((r) => r.contentHash)}::text[]) as k(external_id, content_hash)
    left join prescriptions p on p.pharmacy_id = ${pharmacyId} and p.external_id = k.external_id
    where p.content_hash is distinct from k.content_hash`.execute(db);
  const previousPrescriber = new Map(stale.rows.map((r) => [r.external_id, r.prescriber_id]));
  return { input: input.length, changed: rows.filter((r) => previousPrescriber.has(r.externalId)), previousPrescriber };
}

/**
 * Writes a plan's changed rows, creating minimal prescribers for NPIs neither
 * stored nor in `known`. `alongside` is a statement that must commit with these
 * rows; it runs in the same statement (called outside a transaction, a minimal
 * prescriber may commit before the rows: harmless, the doctors stream owns it).
 */
export async function writePrescriptions(
  trx: Db,
  pharmacyId: string,
  plan: PrescriptionsPlan,
  known?: ReadonlyMap<string, string>,
  alongside?: RawBuilder<unknown>,
): Promise<UpsertPrescriptionsResult> {
  const { changed } = plan;
  const createdByPrescriber = new Map<string, { count: number; name: string | null }>();
  if (changed.length === 0) {
    await alongside?.execute(trx);
    return { created: 0, updated: 0, unchanged: plan.input, written: new Map(), createdByPrescriber, prescriberIds: [], idByNpi: new Map() };
  }
  const idByNpi = await ensurePrescribers(
    trx,
    changed.map((r) => ({ npi: r.prescriberNpi, firstName: r.prescriberFirstName, lastName: r.prescriberLastName })),
    known,
  );
  // One json parameter for the whole page: cheaper to encode than one pg array per column.
  const result = await sql<{ external_id: string; prescriber_id: string | null; inserted: boolean }>`
    ${withAlongside(alongside)}insert into prescriptions as p (pharmacy_id, external_id, prescriber_id, prescriber_npi, doctor_external_id,
      patient_external_id, item_external_id, ndc, drug_name, written_date, expiration_date, inactivated, daw, refills,
      total_qty_remaining, last_filled_on, last_fill_status, activity_at, source_created_at, source_updated_at, raw,
      content_hash)
    select ${pharmacyId}, t.* from jsonb_to_recordset(${rowsAsJson(changed, (r) => [
      r.externalId, idByNpi.get(r.prescriberNpi) ?? null, r.prescriberNpi, r.doctorExternalId, r.patientExternalId,
      r.itemExternalId, r.ndc, r.drugName, r.writtenDate, r.expirationDate, r.inactivated, r.daw, r.refills,
      r.totalQtyRemaining, r.lastFilledOn, r.lastFillStatus, r.activityAt, r.sourceCreatedAt, r.sourceUpdatedAt,
      r.raw ?? null, r.contentHash,
    ])}::jsonb) as t(c0 text, c1 bigint, c2 text, c3 text, c4 text, c5 text, c6 text, c7 text, c8 date, c9 date,
      c10 boolean, c11 int, c12 int, c13 numeric, c14 date, c15 text, c16 timestamptz, c17 timestamptz,
      c18 timestamptz, c19 jsonb, c20 text)
    on conflict (pharmacy_id, external_id) do update set
      prescriber_id = excluded.prescriber_id, prescriber_npi = excluded.prescriber_npi,
      doctor_external_id = excluded.doctor_external_id, patient_external_id = excluded.patient_external_id,
      item_external_id = excluded.item_external_id, ndc = excluded.ndc, drug_name = excluded.drug_name,
      written_date = excluded.written_date, expiration_date = excluded.expiration_date,
      inactivated = excluded.inactivated, daw = excluded.daw, refills = excluded.refills,
      total_qty_remaining = excluded.total_qty_remaining, last_filled_on = excluded.last_filled_on,
      last_fill_status = excluded.last_fill_status, activity_at = excluded.activity_at,
      source_created_at = excluded.source_created_at, source_updated_at = excluded.source_updated_at,
      raw = excluded.raw, content_hash = excluded.content_hash, updated_at = now()
    where p.content_hash is distinct from excluded.content_hash
    returning external_id, prescriber_id, (xmax = 0) as inserted`.execute(trx);

  const byExternalId = new Map(changed.map((r) => [r.externalId, r]));
  const touched = new Set<string>();
  let created = 0;
  for (const row of result.rows) {
    if (row.prescriber_id !== null) touched.add(row.prescriber_id);
    const previous = plan.previousPrescriber.get(row.external_id);
    if (previous) touched.add(previous);
    if (!row.inserted || row.prescriber_id === null) {
      if (row.inserted) created++;
      continue;
    }
    created++;
    const source = byExternalId.get(row.external_id);
    const entry = createdByPrescriber.get(row.prescriber_id) ?? {
      count: 0,
      name: source?.prescriberLastName ?? source?.prescriberFirstName ?? null,
    };
    entry.count++;
    createdByPrescriber.set(row.prescriber_id, entry);
  }
  const updated = result.rows.length - created;
  const written = new Map(result.rows.map((r) => [r.external_id, r.inserted]));
  return { created, updated, unchanged: plan.input - created - updated, written, createdByPrescriber, prescriberIds: [...touched], idByNpi };
}

/** Writes the prescriptions whose content hash changed, creating minimal prescribers for unknown NPIs. */
export async function upsertPrescriptions(
  trx: Db,
  pharmacyId: string,
  input: readonly PrescriptionRow[],
): Promise<UpsertPrescriptionsResult> {
  return writePrescriptions(trx, pharmacyId, await planPrescriptions(trx, pharmacyId, input));
}
