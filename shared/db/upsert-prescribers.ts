/** Multi-row upsert of DRX doctors: prescribers on npi, and the pharmacy's link on (pharmacy_id, external_id). */
import { sql } from 'kysely';
import type { PrescriberRow } from '../drx/rows.js';
import type { Db } from './create-db.js';
import { dedupeByKey } from './dedupe-by-key.js';
import type { UpsertCounts } from './upsert-fills.js';

export interface UpsertPrescribersResult extends UpsertCounts {
  /** NPIs new to this pharmacy (a new link), the "new prescribers" of a run. */
  createdNpis: string[];
  /** The prescriber id of every NPI on the page (a sync keeps them for the run's prescriptions). */
  idByNpi: Map<string, string>;
}

/**
 * Counts are from the pharmacy's point of view: created = a doctor new to this
 * pharmacy, updated = its prescriber content or link changed, unchanged = neither.
 * Only changed prescribers and links are written.
 */
export async function upsertPrescribers(
  trx: Db,
  pharmacyId: string,
  input: readonly PrescriberRow[],
): Promise<UpsertPrescribersResult> {
  const byNpi = dedupeByKey(input, (r) => r.npi);
  const byExternalId = dedupeByKey(input, (r) => r.externalId);
  const [storedPrescribers, storedLinks] = await Promise.all([
    sql<{ id: string; npi: string; content_hash: string }>`
      select id, npi, content_hash from prescribers where npi = any(${byNpi.map((r) => r.npi)}::text[])`.execute(trx),
    sql<{ external_id: string; prescriber_id: string }>`
      select external_id, prescriber_id from pharmacy_prescribers
      where pharmacy_id = ${pharmacyId} and external_id = any(${byExternalId.map((r) => r.externalId)}::text[])`.execute(
      trx,
    ),
  ]);
  const prescriberByNpi = new Map(storedPrescribers.rows.map((r) => [r.npi, r]));
  const linkByExternalId = new Map(storedLinks.rows.map((r) => [r.external_id, r.prescriber_id]));
  const idByNpi = new Map(storedPrescribers.rows.map((r) => [r.npi, r.id]));

  const changedPrescribers = byNpi.filter((r) => prescriberByNpi.get(r.npi)?.content_hash !== r.contentHash);
  if (changedPrescribers.length > 0) {
    const written = await sql<{ id: string; npi: string }>`
      insert into prescribers as p (npi, first_name, last_name, dea, prescriber_type, email, state_license,
        phone_numbers, addresses, content_hash)
      select * from unnest(
        ${changedPrescribers.map((r) => r.npi)}::text[],
        ${changedPrescribers.map((r) => r.firstName)}::text[],
        ${changedPrescribers.map((r) => r.lastName)}::text[],
        ${changedPrescribers.map((r) => r.dea)}::text[],
        ${changedPrescribers.map((r) => r.prescriberType)}::text[],
        ${changedPrescribers.map((r) => r.email)}::text[],
        ${changedPrescribers.map((r) => r.stateLicense)}::text[],
        ${changedPrescribers.map((r) => JSON.stringify(r.phoneNumbers))}::jsonb[],
        ${changedPrescribers.map((r) => JSON.stringify(r.addresses))}::jsonb[],
        ${changedPrescribers.map((r) => r.contentHash)}::text[]
      )
      on conflict (npi) do update set
        first_name = excluded.first_name, last_name = excluded.last_name, dea = excluded.dea,
        prescriber_type = excluded.prescriber_type, email = excluded.email, state_license = excluded.state_license,
        phone_numbers = excluded.phone_numbers, addresses = excluded.addresses, content_hash = excluded.content_hash,
        updated_at = now()
      where p.content_hash is distinct from excluded.content_hash
      returning id, npi`.execute(trx);
    for (const r of written.rows) idByNpi.set(r.npi, r.id);
    // A concurrent sync of another pharmacy may have written the same content first: look those up.
    const missing = changedPrescribers.map((r) => r.npi).filter((npi) => !idByNpi.has(npi));
    if (missing.length > 0) {
      const found = await sql<{ id: string; npi: string }>`
        select id, npi from prescribers where npi = any(${missing}::text[])`.execute(trx);
      for (const r of found.rows) idByNpi.set(r.npi, r.id);
    }
  }
  const changedNpis = new Set(changedPrescribers.map((r) => r.npi));

  const links = byExternalId.filter((r) => linkByExternalId.get(r.externalId) !== idByNpi.get(r.npi));
  if (links.length > 0) {
    await sql`
      insert into pharmacy_prescribers as l (pharmacy_id, external_id, prescriber_id)
      select ${pharmacyId}, * from unnest(
        ${links.map((r) => r.externalId)}::text[],
        ${links.map((r) => idByNpi.get(r.npi) ?? null)}::bigint[]
      )
      on conflict (pharmacy_id, external_id) do update set prescriber_id = excluded.prescriber_id, last_seen_at = now()
      where l.prescriber_id is distinct from excluded.prescriber_id`.execute(trx);
  }

  const createdNpis: string[] = [];
  let updated = 0;
  for (const r of byExternalId) {
    const linked = linkByExternalId.get(r.externalId);
    if (linked === undefined) createdNpis.push(r.npi);
    else if (changedNpis.has(r.npi) || linked !== idByNpi.get(r.npi)) updated++;
  }
  return { created: createdNpis.length, updated, unchanged: input.length - createdNpis.length - updated, createdNpis, idByNpi };
}
