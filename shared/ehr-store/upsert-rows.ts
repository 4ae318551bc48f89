/**
 * The one upsert every mirror table uses: rows travel as one JSON parameter
 * (recordset-sql.ts), rows whose stored hash is unchanged are skipped before
 * the write, a row that comes back after a soft delete is restored, and an
 * older version of a record never overwrites a newer one: by DrChrono's
 * updated_at where the record has one, else by when we fetched it
 * (fetch-order.ts).
 */
import { sql } from 'kysely';
import type { Db } from '../db/create-db.js';
import { dedupeByKey } from '../db/dedupe-by-key.js';
import { advanceFetchedAt, FETCHED_NO_EARLIER } from './fetch-order.js';
import { keyMatch, keyOf, keySql, recordset, type ColumnEntry } from './recordset-sql.js';
import type { TableSpec } from './table-spec.js';

export interface UpsertRowsResult {
  created: number;
  updated: number;
  unchanged: number;
  /** Written rows: our id, the key joined with ':', and whether it was inserted. */
  changed: Array<{ id: string; key: string; op: 'insert' | 'update' }>;
}

/**
 * Upserts `input` for `practiceId` into `spec.table`; counts follow the input
 * (duplicates count as unchanged). `fetchedAt` (when the request that fetched
 * the rows started) is required for a fetch-ordered table.
 */
export async function upsertRows<R>(
  trx: Db,
  spec: TableSpec<R>,
  practiceId: string,
  input: readonly R[],
  fetchedAt?: Date,
): Promise<UpsertRowsResult> {
  const result: UpsertRowsResult = { created: 0, updated: 0, unchanged: input.length, changed: [] };
  if (input.length === 0) return result;
  const order = spec.fetchOrdered ? fetchedAt : null;
  if (order === undefined) throw new Error(`${spec.table} is fetch-ordered: a write must say when its rows were fetched`);
  const rows = dedupeByKey(input, (r) => keyOf(spec, r));
  const columns = Object.entries(spec.columns) as ColumnEntry[];
  const keyColumns = columns.filter(([c]) => (spec.key as readonly string[]).includes(c));

  const stored = await sql<{ key: string; content_hash: string; deleted: boolean }>`
    select ${keySql(spec.key, 't')} as key, t.content_hash, t.deleted_at is not null as deleted
    from ${sql.table(spec.table)} as t
    join ${recordset(rows, keyColumns)} on ${keyMatch(spec.key)}`.execute(trx);
  const before = new Map(stored.rows.map((r) => [r.key, r]));
  const isUnchanged = (r: R) => {
    const prior = before.get(keyOf(spec, r));
    return prior !== undefined && !prior.deleted && prior.content_hash === (r as { content_hash: string }).content_hash;
  };
  if (order) await advanceFetchedAt(trx, spec, rows.filter(isUnchanged), order);
  const toWrite = rows.filter((r) => !isUnchanged(r));
  if (toWrite.length === 0) return result;

  const values = columns.map(([c, s]) =>
    s.select !== undefined ? sql.raw(s.select) : s.type === 'jsonb' ? sql`r.${sql.id(c)}::jsonb` : sql`r.${sql.id(c)}`,
  );
  const updates = columns
    .filter(([c]) => !(spec.key as readonly string[]).includes(c))
    .map(([c]) => sql`${sql.id(c)} = excluded.${sql.id(c)}`);
  // practice_id is not updated: the first practice to write a DrChrono id keeps it, so a misrouted
  // delivery cannot move a record into another practice.
  // Where the table keeps DrChrono's own updated_at, an older version never replaces a newer one: two deliveries
  // for one object can re-fetch it in one order and commit in the other (and a sync page can be older than a webhook).
  const newerOnly =
    'source_updated_at' in spec.columns
      ? sql` and (excluded.source_updated_at is null or t.source_updated_at is null or excluded.source_updated_at >= t.source_updated_at)`
      : order
        ? sql` and ${FETCHED_NO_EARLIER}`
        : sql``;
  const written = await sql<{ id: string; key: string; inserted: boolean }>`
    insert into ${sql.table(spec.table)} as t (practice_id, synced_at, deleted_at${order ? sql`, fetched_at` : sql``}, ${sql.join(columns.map(([c]) => sql.id(c)))})
    select ${practiceId}, now(), null${order ? sql`, ${order}::timestamptz` : sql``}, ${sql.join(values)}
    from ${recordset(toWrite, columns)}
    on conflict (${sql.join(spec.key.map((c) => sql.id(c)))}) do update set
      ${sql.join(updates)}, synced_at = now(), deleted_at = null${order ? sql`, fetched_at = excluded.fetched_at` : sql``}
    where (t.content_hash is distinct from excluded.content_hash or t.deleted_at is not null)${newerOnly}
    returning t.id::text as id, ${keySql(spec.key, 't')} as key, (xmax = 0) as inserted`.execute(trx);

  for (const row of written.rows) {
    if (row.inserted) result.created++;
    else result.updated++;
    result.changed.push({ id: row.id, key: row.key, op: row.inserted ? 'insert' : 'update' });
  }
  result.unchanged = input.length - result.created - result.updated;
  return result;
}
