/**
 * A gridhook whose decrypted plaintext is already a stored note: Deep Cura sent
 * the note again, encrypted under a fresh IV, so the body (and the idempotency
 * key) differs. No second note is written; the delivery is kept and settled
 * 'ignored' (final, nothing to retry), with a PHI-free note naming the first.
 */
import type { Db } from '../db/create-db.js';
import { setClinicEventPractice } from '../drchrono-webhooks/clinic-events.js';
import type { GridhookDeps } from './gridhook-deps.js';
import { settleLiveGridhook } from './settle-live-gridhook.js';

export interface GridhookDuplicate {
  outcome: 'duplicate';
  /** The first delivery's note, the one this delivery repeats. */
  noteId: string;
  /** The first delivery (sync_events id). */
  firstEventId: string;
  practiceId: string | null;
}

/** The sync_events note of a duplicate (last_error of an 'ignored' delivery): ids only. */
export function duplicateGridhookNote(d: Pick<GridhookDuplicate, 'noteId' | 'firstEventId'>): string {
  return `duplicate of Deep Cura note ${d.noteId} (sync event ${d.firstEventId})`;
}

/**
 * Records the duplicate inside the note's transaction. 'live' settles the event and logs the delivery; 'retry'
 * records only the practice, since the retry worker settles the event (with duplicateGridhookNote) and logs it.
 */
export async function settleDuplicateGridhook(
  trx: Db,
  deps: Pick<GridhookDeps, 'newId'>,
  input: { eventId: string; correlationId: string; startedAt: Date; at: Date; mode: 'live' | 'retry'; noteId: string; firstEventId: string; routedPracticeId: string | null },
): Promise<GridhookDuplicate> {
  const first = await trx.selectFrom('deepcura_notes').select('practice_id').where('id', '=', input.noteId).executeTakeFirstOrThrow();
  // The first note's practice may since have come from its clinical note; it is the better answer.
  const practiceId = first.practice_id ?? input.routedPracticeId;
  const duplicate: GridhookDuplicate = { outcome: 'duplicate', noteId: input.noteId, firstEventId: input.firstEventId, practiceId };
  if (input.mode === 'retry') {
    if (practiceId) await setClinicEventPractice(trx, input.eventId, practiceId);
    return duplicate;
  }
  await settleLiveGridhook(trx, deps, {
    eventId: input.eventId, correlationId: input.correlationId, startedAt: input.startedAt, at: input.at, practiceId,
    status: 'ignored', note: duplicateGridhookNote(duplicate),
    counts: { fetched: 1, unchanged: 1 },
    details: { noteId: input.noteId, duplicateOf: input.firstEventId },
  });
  return duplicate;
}
