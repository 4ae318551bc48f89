/**
 * A page of rows as ONE json text parameter, unpacked in SQL with
 * `jsonb_to_recordset($1::jsonb) as t(c0 type, c1 type, …)`. Encoding one pg
 * array per column escapes every value again (raw JSON twice over); one
 * JSON.stringify per cell is all this costs.
 */
import { sql, type RawBuilder } from 'kysely';

// Keys c0…cN in column order: short, and the SQL's column list names the types.
const KEYS = Array.from({ length: 64 }, (_, i) => `"c${i}":`);

/** `[{"c0":…,"c1":…},…]` for `rows`, one object per row with `cells(row)` in column order. */
export function rowsAsJson<T>(rows: readonly T[], cells: (row: T) => readonly unknown[]): string {
  let out = '[';
  for (let r = 0; r < rows.length; r++) {
    const values = cells(rows[r] as T);
    if (values.length > KEYS.length) throw new Error(`rowsAsJson supports at most ${KEYS.length} columns`);
    out += r > 0 ? ',{' : '{';
    for (let c = 0; c < values.length; c++) {
      // JSON.stringify(undefined) is undefined: an absent value is SQL null, like null.
      out += (c > 0 ? ',' : '') + KEYS[c] + (JSON.stringify(values[c]) ?? 'null');
    }
    out += '}';
  }
  return out + ']';
}

/** `with alongside as (<statement>) ` before an upsert, so both commit as one statement; empty without one. */
export function withAlongside(alongside: RawBuilder<unknown> | undefined): RawBuilder<unknown> {
  return alongside ? sql`with alongside as (${alongside}) ` : sql``;
}
