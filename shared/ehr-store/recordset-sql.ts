/**
 * Rows travel to PostgreSQL as a single JSON array read back with
 * jsonb_to_recordset: one parameter whatever the batch size or column count.
 */
import { sql, type RawBuilder } from 'kysely';
import type { ColumnSpec, TableSpec } from './table-spec.js';

type Cell = string | number | boolean | null;

/** A column name with its spec, as `Object.entries(spec.columns)` gives them. */
export type ColumnEntry = readonly [string, ColumnSpec];

/** The key of a row as text, matching `keySql` (columns joined with ':'). */
export function keyOf<R>(spec: TableSpec<R>, row: R): string {
  return spec.key.map((c) => String(row[c])).join(':');
}

/** SQL for the key of the row aliased `alias`, as `keyOf` renders it. */
export function keySql(key: readonly string[], alias: string): RawBuilder<string> {
  return sql<string>`concat_ws(':', ${sql.join(key.map((c) => sql`${sql.ref(`${alias}.${c}`)}::text`))})`;
}

/** `t.<k> = r.<k>` for every key column: a stored row (t) and its incoming record (r). */
export function keyMatch(key: readonly string[]): RawBuilder<unknown> {
  return sql.join(key.map((c) => sql`t.${sql.id(c)} = r.${sql.id(c)}`), sql` and `);
}

/** `jsonb_to_recordset(...) as r(...)`: these columns of `rows` as a relation aliased `r`. */
export function recordset<R>(rows: readonly R[], columns: readonly ColumnEntry[]): RawBuilder<unknown> {
  return sql`jsonb_to_recordset(${recordsJson(rows, columns)}::jsonb) as r(${recordType(columns)})`;
}

function cell(value: unknown, spec: ColumnSpec): Cell {
  if (value === undefined || value === null) return null;
  if (value instanceof Date) return value.toISOString();
  // jsonb columns hold JSON text in our row types; anything else is serialised so it stays JSON.
  if (spec.type === 'jsonb') return typeof value === 'string' ? value : JSON.stringify(value);
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return value;
  return JSON.stringify(value);
}

function recordsJson<R>(rows: readonly R[], columns: readonly ColumnEntry[]): string {
  return JSON.stringify(
    rows.map((row) => Object.fromEntries(columns.map(([c, s]) => [c, cell((row as Record<string, unknown>)[c], s)]))),
  );
}

function recordType(columns: readonly ColumnEntry[]): RawBuilder<unknown> {
  // jsonb arrives as text and is cast in the select, so a JSON string value is not mistaken for a JSON document.
  return sql.join(columns.map(([c, s]) => sql`${sql.id(c)} ${sql.raw(s.type === 'jsonb' ? 'text' : s.type)}`));
}
