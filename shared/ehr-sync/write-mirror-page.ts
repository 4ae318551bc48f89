/**
 * Writes one page of a cursor stream inside the page's transaction: mapped rows
 * upserted, invalid ones recorded, DrChrono-flagged deletions applied, changed
 * patients queued for their per-patient records, and Deep Cura notes waiting
 * for a clinical note linked.
 */
import type { Db } from '../db/create-db.js';
import { linkNotesAfterDeletes } from '../deepcura/link-after-deletes.js';
import { linkPendingDeepCuraNotes } from '../deepcura/link-deepcura-note.js';
import { mapMirror } from '../drchrono/map-mirror.js';
import type { MirrorRowByKind } from '../drchrono/rows.js';
import { markDeleted, upsertMirror } from '../ehr-store/index.js';
import type { CursorStream } from './ehr-streams.js';
import { queuePatients } from './pending-patients.js';
import { emptyEhrCounts, type EhrCounts } from './practice-sync-summary.js';
import { recordPracticeInvalid, type PracticeInvalidRecord } from './record-practice-invalid.js';
import { wireIdOf } from './wire-id.js';

export interface MirrorPageResult {
  counts: EhrCounts;
  /** Largest source `updated_at` among the stored rows: the cursor may move this far. */
  max: Date | null;
}

/** Upserts one page of `stream` for the practice; the caller owns the transaction (and has set the actor). */
export async function writeMirrorPage(
  trx: Db,
  page: { practiceId: string; stream: CursorStream; runId: string; wires: readonly unknown[] },
): Promise<MirrorPageResult> {
  const counts = { ...emptyEhrCounts(), fetched: page.wires.length };
  const rows: MirrorRowByKind[CursorStream][] = [];
  const deletedIds: string[] = [];
  const invalid: PracticeInvalidRecord[] = [];
  let max: number | null = null;
  for (const wire of page.wires) {
    const mapped = mapMirror(page.stream, wire);
    if (!mapped.ok) {
      invalid.push({ externalId: wireIdOf(wire) ?? '?', reason: mapped.reason });
      continue;
    }
    const at = mapped.row.source_updated_at;
    if (at !== null && at !== undefined) max = Math.max(max ?? -Infinity, new Date(at).getTime());
    // An appointment with deleted_flag is a delete: soft-delete ours instead of storing it as live.
    if (mapped.deleted) deletedIds.push(String(mapped.row.drchrono_id));
    else rows.push(mapped.row);
  }
  const written = await upsertMirror(trx, page.practiceId, page.stream, rows);
  counts.created = written.created;
  counts.updated = written.updated;
  counts.unchanged = written.unchanged;
  counts.invalid = invalid.length;
  counts.deleted = await markDeleted(trx, page.stream, deletedIds);
  await recordPracticeInvalid(trx, { practiceId: page.practiceId, stream: page.stream, runId: page.runId, records: invalid });
  if (page.stream === 'patients') {
    await queuePatients(trx, page.practiceId, written.changed.map((c) => c.drchronoId), 'sync');
  }
  // A clinical note that arrived, or one that just got its visit date from its appointment, may complete a Deep Cura link.
  const notes = page.stream === 'clinical_notes' ? written.changed.map((c) => c.id) : await ourNoteIds(trx, written.notesDated);
  if (notes.length > 0) await linkPendingDeepCuraNotes(trx, { clinicalNoteIds: notes });
  // A deleted second visit (or note) of a day may leave the one a waiting Deep Cura note needs.
  if (counts.deleted > 0 && (page.stream === 'appointments' || page.stream === 'clinical_notes')) await linkNotesAfterDeletes(trx, page.stream, deletedIds);
  return { counts, max: max === null ? null : new Date(max) };
}


/** Our clinical_notes ids for DrChrono ids (the linker matches on ours). */
async function ourNoteIds(trx: Db, drchronoIds: readonly string[]): Promise<string[]> {
  if (drchronoIds.length === 0) return [];
  const rows = await trx.selectFrom('clinical_notes').select('id').where('drchrono_id', 'in', [...drchronoIds]).execute();
  return rows.map((r) => r.id);
}
