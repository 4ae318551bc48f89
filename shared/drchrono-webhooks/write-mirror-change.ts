/**
 * The database half of processing a delivery, inside the caller's transaction
 * (actor 'drchrono_webhook' for the audit trigger): upsert or soft-delete the
 * one object, its insurance slots for a verbose patient (not when the stored
 * patient is newer than this read: the slots are as old as the patient row
 * the upsert refused), and link any Deep Cura notes that were waiting for a
 * clinical note this change (an arrival, a new visit date, or a delete that
 * leaves one visit that day) made linkable.
 */
import type { Db } from '../db/create-db.js';
import { linkNotesAfterDeletes } from '../deepcura/link-after-deletes.js';
import { linkPendingDeepCuraNotes } from '../deepcura/link-deepcura-note.js';
import type { MirrorKind } from '../drchrono/rows.js';
import { markDeleted, upsertInsurances, upsertMirror, withActor, type UpsertInsurancesResult } from '../ehr-store/index.js';
import type { MirrorChangePlan } from './resolve-change.js';

export type MirrorOperation = 'insert' | 'update' | 'delete' | 'unchanged';

export interface WrittenChange {
  operation: MirrorOperation;
  counts: { created: number; updated: number; unchanged: number; deleted: number };
  /** Deep Cura notes linked because of this change. */
  linkedNotes: number;
  /** The slots of a verbose patient read (null for anything else); `skippedAsOlder` when the stored patient is newer. */
  insurances: UpsertInsurancesResult | null;
}

/** Writes `change` for object `objectId` of `kind` in `practiceId`. */
export async function writeMirrorChange(
  trx: Db,
  input: { practiceId: string; kind: MirrorKind; objectId: string; change: MirrorChangePlan; at: Date },
): Promise<WrittenChange> {
  await withActor(trx, 'drchrono_webhook');
  const { practiceId, kind, objectId, change } = input;
  if (change.type === 'gone') return { operation: 'unchanged', counts: { created: 0, updated: 0, unchanged: 1, deleted: 0 }, linkedNotes: 0, insurances: null };
  if (change.type === 'delete') {
    const deleted = await markDeleted(trx, kind, [objectId]);
    const linkedNotes = deleted > 0 && (kind === 'appointments' || kind === 'clinical_notes') ? await linkNotesAfterDeletes(trx, kind, [objectId], input.at) : 0;
    return { operation: deleted > 0 ? 'delete' : 'unchanged', counts: { created: 0, updated: 0, unchanged: 1 - deleted, deleted }, linkedNotes, insurances: null };
  }
  const result = await upsertMirror(trx, practiceId, kind, [change.row], change.fetchedAt);
  const insurances = change.insurances === null ? null : await upsertInsurances(trx, practiceId, objectId, change.insurances);
  const insuranceChanges = insurances === null ? 0 : insurances.created + insurances.updated + insurances.deleted;
  const linkedNotes = await linkWaitingNotes(trx, kind, objectId, result.notesDated, input.at);
  const operation: MirrorOperation =
    result.created > 0 ? 'insert' : result.updated > 0 || insuranceChanges > 0 ? 'update' : 'unchanged';
  return { operation, counts: { created: result.created, updated: result.updated, unchanged: result.unchanged, deleted: 0 }, linkedNotes, insurances };
}

/** A clinical note that arrived, or notes an appointment just dated, may be what a Deep Cura note waits for. */
async function linkWaitingNotes(trx: Db, kind: MirrorKind, objectId: string, notesDated: readonly string[], at: Date): Promise<number> {
  const drchronoIds = kind === 'clinical_notes' ? [objectId] : kind === 'appointments' ? [...notesDated] : [];
  if (drchronoIds.length === 0) return 0;
  const notes = await trx
    .selectFrom('clinical_notes')
    .select('id')
    .where('drchrono_id', 'in', drchronoIds)
    .where('deleted_at', 'is', null)
    .execute();
  return linkPendingDeepCuraNotes(trx, { clinicalNoteIds: notes.map((n) => n.id), at });
}
