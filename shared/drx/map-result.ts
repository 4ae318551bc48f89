/** What a mapper returns: a row, or the record's key and why it was refused. */
import type { InvalidRecord } from './rows.js';

export type MapResult<T> = { ok: true; row: T } | { ok: false; invalid: InvalidRecord };
