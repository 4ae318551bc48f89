/** How one mirror table is written: its conflict key and every column the mapped row carries, with its SQL type. */
import type { Database } from '../db/database.js';

/** The SQL types mirror columns use; jsonb travels as JSON text and is cast on the way in. */
export type PgType = 'text' | 'bigint' | 'integer' | 'numeric' | 'boolean' | 'date' | 'timestamptz' | 'jsonb';

export interface ColumnSpec {
  type: PgType;
  /** SQL for the stored value when it is not just the incoming one; `r.<column>` is the incoming value. */
  select?: string;
}

/**
 * Every key of the row type must be listed (Required makes optional columns
 * count too), so a column added to a table type without a spec fails to compile.
 */
export type ColumnsOf<R> = { readonly [K in keyof Required<R> & string]: ColumnSpec };

export interface TableSpec<R> {
  table: keyof Database & string;
  /** The unique key upserts conflict on; its columns are also in `columns`. */
  key: readonly (keyof R & string)[];
  columns: ColumnsOf<R>;
  /** The records carry no version of DrChrono's: writes are ordered by when they were fetched (fetch-order.ts). */
  fetchOrdered?: true;
}
