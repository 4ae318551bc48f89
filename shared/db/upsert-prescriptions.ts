/** Multi-row upsert of DRX prescriptions on (pharmacy_id, external_id), skipping unchanged rows before the write. */
import { sql } from 'kysely';
import type { PrescriptionRow } from '../drx/rows.js';
import type { Db } from './create-db.js';
import { dedupeByKey } from './dedupe-by-key.js';
import { ensurePrescribers } from './ensure-prescribers.js';
import type { UpsertCounts } from './upsert-fills.js';

export interface UpsertPrescriptionsResult extends UpsertCounts {
  /** New prescriptions per prescriber id, with the prescriber's display name (last name, else first). */
  createdByPrescriber: Map<string, { count: number; name: string | null }>;
  /** Prescribers whose metrics may have changed: new and previous owners of every written row. */
  prescriberIds: string[];
}

/** Writes the prescriptions whose content hash changed, creating minimal prescribers for unknown NPIs. */
export async function upsertPrescriptions(
  trx: Db,
  pharmacyId: string,
  input: readonly PrescriptionRow[],
): Promise<UpsertPrescriptionsResult> {
  const rows = dedupeByKey(input, (r) => r.externalId);
  const stored = await sql<{ external_id: string; content_hash: string; prescriber_id: string | null }>`
    select external_id, content_hash, prescriber_id from prescriptions
    where pharmacy_id = ${pharmacyId} and external_id = any(${rows.map((r) => r.externalId)}::text[])`.execute(trx);
  const before = new Map(stored.rows.map((r) => [r.external_id, r]));
  const changed = rows.filter((r) => before.get(r.externalId)?.content_hash !== r.contentHash);
  const createdByPrescriber = new Map<string, { count: number; name: string | null }>();
  if (changed.length === 0) return { created: 0, updated: 0, unchanged: input.length, createdByPrescriber, prescriberIds: [] };

  const idByNpi = await ensurePrescribers(
    trx,
    changed.map((r) => ({ npi: r.prescriberNpi, firstName: r.prescriberFirstName, lastName: r.prescriberLastName })),
  );
  const result = await sql<{ external_id: string; prescriber_id: string | null; inserted: boolean }>`
    insert into prescriptions as p (pharmacy_id, external_id, prescriber_id, prescriber_npi, doctor_external_id,
      patient_external_id, item_external_id, ndc, drug_name, written_date, expiration_date, inactivated, daw, refills,
      total_qty_remaining, last_filled_on, last_fill_status, activity_at, source_created_at, source_updated_at, raw,
      content_hash)
    select ${pharmacyId}, t.* from unnest(
      ${changed.map((r) => r.externalId)}::text[],
      ${changed.map((r) => idByNpi.get(r.prescriberNpi) ?? null)}::bigint[],
      ${changed.map((r) => r.prescriberNpi)}::text[],
      ${changed.map((r) => r.doctorExternalId)}::text[],
      ${changed.map((r) => r.patientExternalId)}::text[],
      ${changed.map((r) => r.itemExternalId)}::text[],
      ${changed.map((r) => r.ndc)}::text[],
      ${changed.map((r) => r.drugName)}::text[],
      ${changed.map((r) => r.writtenDate)}::date[],
      ${changed.map((r) => r.expirationDate)}::date[],
      ${changed.map((r) => r.inactivated)}::boolean[],
      ${changed.map((r) => r.daw)}::int[],
      ${changed.map((r) => r.refills)}::int[],
      ${changed.map((r) => r.totalQtyRemaining)}::numeric[],
      ${changed.map((r) => r.lastFilledOn)}::date[],
      ${changed.map((r) => r.lastFillStatus)}::text[],
      ${changed.map((r) => r.activityAt)}::timestamptz[],
      ${changed.map((r) => r.sourceCreatedAt)}::timestamptz[],
      ${changed.map((r) => r.sourceUpdatedAt)}::timestamptz[],
      ${changed.map((r) => JSON.stringify(r.raw ?? null))}::jsonb[],
      ${changed.map((r) => r.contentHash)}::text[]
    ) as t
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
    const previous = before.get(row.external_id)?.prescriber_id;
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
  return { created, updated, unchanged: input.length - created - updated, createdByPrescriber, prescriberIds: [...touched] };
}
