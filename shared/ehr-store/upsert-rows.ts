/**
 * The one upsert every mirror table uses: rows travel as a single JSON array
 * read back with jsonb_to_recordset (one parameter whatever the batch size or
 * column count), rows whose stored hash is unchanged are skipped before the
 * write, a row that comes back after a soft delete is restored, and an older
 * version of a record (by DrChrono's updated_at) never overwrites a newer one.
 */
import { sql, type RawBuilder } from 'kysely';
import type { Db } from '../db/create-db.js';
import { dedupeByKey } from '../db/dedupe-by-key.js';
import type { ColumnSpec, TableSpec } from './table-spec.js';

export interface UpsertRowsResult {
  created: number;
  updated: number;
  unchanged: number;
  /** Written rows: our id, the key joined with ':', and whether it was inserted. */
  changed: Array<{ id: string; key: string; op: 'insert' | 'update' }>;
}

type Cell = string | number | boolean | null;

/** The key of a row as text, matching `keySql` (columns joined with ':'). */
export function keyOf<R>(spec: TableSpec<R>, row: R): string {
  return spec.key.map((c) => String(row[c])).join(':');
}

function keySql(key: readonly string[], alias: string): RawBuilder<string> {
  return sql<string>`concat_ws(':', ${sql.join(key.map((c) => sql`${sql.ref(`${alias}.${c}`)}::text`))})`;
}

function cell(value: unknown, spec: ColumnSpec): Cell {
  if (value === undefined || value === null) return null;
  if (value instanceof Date) return value.toISOString();
  // jsonb columns hold JSON text in our row types; anything else is serialised so it stays JSON.
  if (spec.type === 'jsonb') return typeof value === 'string' ? value : JSON.stringify(value);
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return value;
  return JSON.stringify(value);
}

function recordsJson<R>(rows: readonly R[], columns: readonly (readonly [string, ColumnSpec])[]): string {
  return JSON.stringify(
    rows.map((row) => Object.fromEntries(columns.map(([c, s]) => [c, cell((row as Record<string, unknown>)[c], s)]))),
  );
}

function recordType(columns: readonly (readonly [string, ColumnSpec])[]): RawBuilder<unknown> {
  // jsonb arrives as text and is cast in the select, so a JSON string value is not mistaken for a JSON document.
  return sql.join(columns.map(([c, s]) => sql`${sql.id(c)} ${sql.raw(s.type === 'jsonb' ? 'text' : s.type)}`));
}

/** Upserts `input` for `practiceId` into `spec.table`; counts follow the input (duplicates count as unchanged). */
export async function upsertRows<R>(trx: Db, spec: TableSpec<R>, practiceId: string, input: readonly R[]): Promise<UpsertRowsResult> {
  const result: UpsertRowsResult = { created: 0, updated: 0, unchanged: input.length, changed: [] };
  if (input.length === 0) return result;
  const rows = dedupeByKey(input, (r) => keyOf(spec, r));
  const columns = Object.entries(spec.columns) as [string, ColumnSpec][];
  const keyColumns = columns.filter(([c]) => (spec.key as readonly string[]).includes(c));

  const stored = await sql<{ key: string; content_hash: string; deleted: boolean }>`
    select ${keySql(spec.key, 't')} as key, t.content_hash, t.deleted_at is not null as deleted
    from ${sql.table(spec.table)} as t
    join jsonb_to_recordset(${recordsJson(rows, keyColumns)}::jsonb) as r(${recordType(keyColumns)})
      on ${sql.join(spec.key.map((c) => sql`t.${sql.id(c)} = r.${sql.id(c)}`), sql` and `)}`.execute(trx);
  const before = new Map(stored.rows.map((r) => [r.key, r]));
  const toWrite = rows.filter((r) => {
    const prior = before.get(keyOf(spec, r));
    return prior === undefined || prior.deleted || prior.content_hash !== (r as { content_hash: string }).content_hash;
  });
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
      : sql``;
  const written = await sql<{ id: string; key: string; inserted: boolean }>`
    insert into ${sql.table(spec.table)} as t (practice_id, synced_at, deleted_at, ${sql.join(columns.map(([c]) => sql.id(c)))})
    select ${practiceId}, now(), null, ${sql.join(values)}
    from jsonb_to_recordset(${recordsJson(toWrite, columns)}::jsonb) as r(${recordType(columns)})
    on conflict (${sql.join(spec.key.map((c) => sql.id(c)))}) do update set
      ${sql.join(updates)}, synced_at = now(), deleted_at = null
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
