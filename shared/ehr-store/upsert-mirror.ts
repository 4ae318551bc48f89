/** Multi-row upsert of one DrChrono mirror kind on drchrono_id. */
import type { Db } from '../db/create-db.js';
import type { MirrorKind, MirrorRowByKind } from '../drchrono/rows.js';
import type { FetchOrderedKind } from './fetch-order.js';
import { fillNoteDates } from './fill-note-dates.js';
import { MIRROR_TABLES } from './mirror-tables.js';
import { upsertRows } from './upsert-rows.js';

export interface MirrorChange {
  /** Our row id. */
  id: string;
  drchronoId: string;
  op: 'insert' | 'update';
}

export interface UpsertMirrorResult {
  created: number;
  updated: number;
  unchanged: number;
  /** Rows written (inserted, changed or restored after a soft delete); the audit trigger announced each. */
  changed: MirrorChange[];
  /** For appointments: DrChrono ids of clinical notes whose note_date was just set or moved (Deep Cura can link by the new date). */
  notesDated: string[];
}

/**
 * Writes rows whose content hash changed (or that were soft-deleted), restoring deleted ones; a replay writes
 * nothing. A kind that carries DrChrono's updated_at may leave out `fetchedAt`; any other kind, or a kind not
 * known until run time, must say when the request that fetched the rows started (fetch-order.ts).
 */
export function upsertMirror<K extends Exclude<MirrorKind, FetchOrderedKind>>(
  trx: Db,
  practiceId: string,
  kind: K,
  rows: readonly MirrorRowByKind[K][],
): Promise<UpsertMirrorResult>;
export function upsertMirror<K extends MirrorKind>(
  trx: Db,
  practiceId: string,
  kind: K,
  rows: readonly MirrorRowByKind[K][],
  fetchedAt: Date,
): Promise<UpsertMirrorResult>;
export async function upsertMirror<K extends MirrorKind>(
  trx: Db,
  practiceId: string,
  kind: K,
  rows: readonly MirrorRowByKind[K][],
  fetchedAt?: Date,
): Promise<UpsertMirrorResult> {
  const spec = MIRROR_TABLES[kind];
  const written = await upsertRows(trx, spec, practiceId, rows, fetchedAt);
  const changed = written.changed.map((c) => ({ id: c.id, drchronoId: c.key, op: c.op }));
  const notesDated = kind === 'appointments' ? await fillNoteDates(trx, changed.map((c) => c.drchronoId)) : [];
  return { created: written.created, updated: written.updated, unchanged: written.unchanged, changed, notesDated };
}
