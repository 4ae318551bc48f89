/** Multi-row upsert of DRX fills on (pharmacy_id, external_id), skipping unchanged rows before the write. */
import { sql, type RawBuilder } from 'kysely';
import type { FillRow } from '../drx/rows.js';
import type { Db } from './create-db.js';
import { dedupeByKey } from './dedupe-by-key.js';
import { rowsAsJson, withAlongside } from './upsert-json.js';

export interface UpsertCounts {
  created: number;
  updated: number;
  unchanged: number;
}

/** What a page needs written, decided before any transaction is opened. */
export interface FillsPlan {
  /** Rows given, duplicates included: what the counts add up to. */
  input: number;
  /** Rows whose content hash differs from the stored one (or that are not stored). */
  changed: FillRow[];
}

/**
 * Pre-selects stored hashes so unchanged rows are never sent. `preselect: false`
 * is for a caller that knows the pharmacy had no fills yet: every row is
 * planned, and the upsert's own hash check still leaves unchanged rows alone.
 */
export async function planFills(
  db: Db,
  pharmacyId: string,
  input: readonly FillRow[],
  opts: { preselect: boolean } = { preselect: true },
): Promise<FillsPlan> {
  const rows = dedupeByKey(input, (r) => r.externalId);
  if (!opts.preselect) return { input: input.length, changed: rows };
  // Postgres compares the hashes and answers with the changed ids only: on a re-sync that is a few
  // rows instead of every row of the page to receive and parse.
  const stale = await sql<{ external_id: string }>`
    select k.external_id from unnest(${rows.map((r) => r.externalId)}::text[], ${rows.map((r) => r.contentHash)}::text[])
      as k(external_id, content_hash)
    left join prescription_fills f on f.pharmacy_id = ${pharmacyId} and f.external_id = k.external_id
    where f.content_hash is distinct from k.content_hash`.execute(db);
  const changed = new Set(stale.rows.map((r) => r.external_id));
  return { input: input.length, changed: rows.filter((r) => changed.has(r.externalId)) };
}

/** Counts plus what happened to each row written: external id → true when created, false when updated. */
export interface WrittenRows extends UpsertCounts {
  written: Map<string, boolean>;
}

/**
 * Writes a plan's changed rows; one whose stored hash is already equal is counted unchanged.
 * `alongside` is a statement that must commit with these rows; it runs in the same statement.
 */
export async function writeFills(trx: Db, pharmacyId: string, plan: FillsPlan, alongside?: RawBuilder<unknown>): Promise<WrittenRows> {
  const { changed } = plan;
  if (changed.length === 0) {
    await alongside?.execute(trx);
    return { created: 0, updated: 0, unchanged: plan.input, written: new Map() };
  }
  // One json parameter for the whole page: cheaper to encode than one pg array per column.
  const result = await sql<{ external_id: string; inserted: boolean }>`
    ${withAlongside(alongside)}insert into prescription_fills as f (pharmacy_id, external_id, prescription_external_id, status, fill_date,
      days_supply, dispensed_quantity, ndc, drug_name, source_updated_at, raw, content_hash)
    select ${pharmacyId}, t.* from jsonb_to_recordset(${rowsAsJson(changed, (r) => [
      r.externalId, r.prescriptionExternalId, r.status, r.fillDate, r.daysSupply, r.dispensedQuantity, r.ndc,
      r.drugName, r.sourceUpdatedAt, r.raw ?? null, r.contentHash,
    ])}::jsonb) as t(c0 text, c1 text, c2 text, c3 timestamptz, c4 int, c5 numeric, c6 text, c7 text,
      c8 timestamptz, c9 jsonb, c10 text)
    on conflict (pharmacy_id, external_id) do update set
      prescription_external_id = excluded.prescription_external_id, status = excluded.status,
      fill_date = excluded.fill_date, days_supply = excluded.days_supply,
      dispensed_quantity = excluded.dispensed_quantity, ndc = excluded.ndc, drug_name = excluded.drug_name,
      source_updated_at = excluded.source_updated_at, raw = excluded.raw, content_hash = excluded.content_hash,
      updated_at = now()
    where f.content_hash is distinct from excluded.content_hash
    returning external_id, (xmax = 0) as inserted`.execute(trx);
  const created = result.rows.filter((r) => r.inserted).length;
  const updated = result.rows.length - created;
  return { created, updated, unchanged: plan.input - created - updated, written: new Map(result.rows.map((r) => [r.external_id, r.inserted])) };
}

/** Writes the fills whose content hash changed; a replay of the same page writes nothing. */
export async function upsertFills(trx: Db, pharmacyId: string, input: readonly FillRow[]): Promise<UpsertCounts> {
  const { created, updated, unchanged } = await writeFills(trx, pharmacyId, await planFills(trx, pharmacyId, input));
  return { created, updated, unchanged };
}
