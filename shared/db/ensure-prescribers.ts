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
 * `known` holds ids the caller already resolved (a sync keeps them for the run:
 * prescriber rows are never deleted), so only the other NPIs cost a query.
 * Returns the id of every NPI asked for.
 */
export async function ensurePrescribers(
  trx: Db,
  doctors: readonly NamedNpi[],
  known: ReadonlyMap<string, string> = new Map(),
): Promise<Map<string, string>> {
  const idByNpi = new Map<string, string>();
  const unknown: NamedNpi[] = [];
  for (const d of doctors) {
    const id = known.get(d.npi);
    if (id === undefined) unknown.push(d);
    else idByNpi.set(d.npi, id);
  }
  const unique = dedupeByKey(unknown, (d) => d.npi);
  const npis = unique.map((d) => d.npi);
  if (npis.length === 0) return idByNpi;
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
  for (const r of rows) idByNpi.set(r.npi, r.id);
  return idByNpi;
}
