/** Makes sure a prescriber row exists for each NPI a prescription names, and resolves their ids. */
import { sql } from 'kysely';
import type { Db } from './create-db.js';
import { dedupeByKey } from './dedupe-by-key.js';

export interface NamedNpi {
  npi: string;
  firstName: string | null;
  lastName: string | null;
}

/**
 * Inserts a minimal prescriber (name from the prescription's nested doctor) for
 * unknown NPIs and never touches existing ones: the doctors stream owns their
 * content (the empty content_hash makes its next pass fill them in).
 */
export async function ensurePrescribers(trx: Db, doctors: readonly NamedNpi[]): Promise<Map<string, string>> {
  const unique = dedupeByKey(doctors, (d) => d.npi);
  const npis = unique.map((d) => d.npi);
  if (npis.length === 0) return new Map();
  const found = async () =>
    (
      await sql<{ id: string; npi: string }>`select id, npi from prescribers where npi = any(${npis}::text[])`.execute(
        trx,
      )
    ).rows;
  let rows = await found();
  if (rows.length < npis.length) {
    await sql`
      insert into prescribers (npi, first_name, last_name)
      select * from unnest(${npis}::text[], ${unique.map((d) => d.firstName)}::text[],
        ${unique.map((d) => d.lastName)}::text[])
      on conflict (npi) do nothing`.execute(trx);
    // A fresh statement sees rows a concurrent sync committed while we waited on its lock.
    rows = await found();
  }
  return new Map(rows.map((r) => [r.npi, r.id]));
}
