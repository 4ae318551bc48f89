/** Column shapes as pg returns them (type parsers are set once in create-db.ts). */
import type { ColumnType } from 'kysely';

export type Timestamp = ColumnType<Date, Date | string, Date | string>;
export type DefaultTimestamp = ColumnType<Date, Date | string | undefined, Date | string>;
export type Json<T = unknown> = ColumnType<T, string, string>;
/** `date` columns come back as 'YYYY-MM-DD' strings (type parser set in create-db). */
export type DateString = ColumnType<string, string, string>;
/** numeric comes back as a number (type parser set in create-db). */
export type Numeric = ColumnType<number, number | string, number | string>;
