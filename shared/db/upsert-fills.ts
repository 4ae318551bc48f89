/** Multi-row upsert of DRX fills on (pharmacy_id, external_id), skipping unchanged rows before the write. */
import { sql } from 'kysely';
import type { FillRow } from '../drx/rows.js';
import type { Db } from './create-db.js';
import { dedupeByKey } from './dedupe-by-key.js';

export interface UpsertCounts {
  created: number;
  updated: number;
  unchanged: number;
}

/** Writes the fills whose content hash changed; a replay of the same page writes nothing. */
export async function upsertFills(trx: Db, pharmacyId: string, input: readonly FillRow[]): Promise<UpsertCounts> {
  const rows = dedupeByKey(input, (r) => r.externalId);
  const stored = await sql<{ external_id: string; content_hash: string }>`
    select external_id, content_hash from prescription_fills
    where pharmacy_id = ${pharmacyId} and external_id = any(${rows.map((r) => r.externalId)}::text[])`.execute(trx);
  const hashes = new Map(stored.rows.map((r) => [r.external_id, r.content_hash]));
  const changed = rows.filter((r) => hashes.get(r.externalId) !== r.contentHash);
  if (changed.length === 0) return { created: 0, updated: 0, unchanged: input.length };

  // unnest keeps this one statement with a fixed number of parameters at any page size.
  const result = await sql<{ inserted: boolean }>`
    insert into prescription_fills as f (pharmacy_id, external_id, prescription_external_id, status, fill_date,
      days_supply, dispensed_quantity, ndc, drug_name, source_updated_at, raw, content_hash)
    select ${pharmacyId}, t.* from unnest(
      ${changed.map((r) => r.externalId)}::text[],
      ${changed.map((r) => r.prescriptionExternalId)}::text[],
      ${changed.map((r) => r.status)}::text[],
      ${changed.map((r) => r.fillDate)}::timestamptz[],
      ${changed.map((r) => r.daysSupply)}::int[],
      ${changed.map((r) => r.dispensedQuantity)}::numeric[],
      ${changed.map((r) => r.ndc)}::text[],
      ${changed.map((r) => r.drugName)}::text[],
      ${changed.map((r) => r.sourceUpdatedAt)}::timestamptz[],
      ${changed.map((r) => JSON.stringify(r.raw ?? null))}::jsonb[],
      ${changed.map((r) => r.contentHash)}::text[]
    ) as t
    on conflict (pharmacy_id, external_id) do update set
      prescription_external_id = excluded.prescription_external_id, status = excluded.status,
      fill_date = excluded.fill_date, days_supply = excluded.days_supply,
      dispensed_quantity = excluded.dispensed_quantity, ndc = excluded.ndc, drug_name = excluded.drug_name,
      source_updated_at = excluded.source_updated_at, raw = excluded.raw, content_hash = excluded.content_hash,
      updated_at = now()
    where f.content_hash is distinct from excluded.content_hash
    returning (xmax = 0) as inserted`.execute(trx);
  const created = result.rows.filter((r) => r.inserted).length;
  const updated = result.rows.length - created;
  return { created, updated, unchanged: input.length - created - updated };
}
