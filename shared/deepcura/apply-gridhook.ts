/**
 * Turns one stored gridhook into a deepcura_notes row: read the ciphertext,
 * decrypt, validate, then in one transaction (actor 'deepcura') insert the
 * note, link it, and (for a live delivery) mark the event applied and log it.
 * A plaintext that is already a stored note (a resend under a new IV) becomes
 * no second note: the delivery is settled as its duplicate.
 * Decrypt and payload problems throw permanent AppErrors; the caller records them.
 */
import { createHash } from 'node:crypto';
import { setClinicEventPractice } from '../drchrono-webhooks/clinic-events.js';
import { routeDelivery } from '../drchrono-webhooks/route-delivery.js';
import { withActor } from '../ehr-store/with-actor.js';
import { writeOutbox } from '../events/write-outbox.js';
import { decryptGridhook } from './decrypt-gridhook.js';
import { loadDeepCuraSecret } from './deepcura-secret.js';
import type { GridhookDeps } from './gridhook-deps.js';
import { gridhookCryptoFrom } from './gridhook-crypto.js';
import { linkDeepCuraNote, type LinkResult } from './link-deepcura-note.js';
import { encryptedPayloadOf, parseGridhookNote } from './parse-gridhook.js';
import { insertDeepCuraNote } from './insert-deepcura-note.js';
import { settleDuplicateGridhook, type GridhookDuplicate } from './settle-duplicate-gridhook.js';
import { settleLiveGridhook } from './settle-live-gridhook.js';

export interface StoredGridhook {
  eventId: string;
  rawBody: string;
  correlationId: string;
  startedAt: Date;
}

export type GridhookApplied =
  | { outcome: 'applied'; noteId: string; practiceId: string | null; link: LinkResult | null }
  | GridhookDuplicate;

/** Applies `g`; `mode` 'live' also settles the event and writes the delivery log (the retry worker does both itself). */
export async function applyGridhook(deps: GridhookDeps, g: StoredGridhook, mode: 'live' | 'retry'): Promise<GridhookApplied> {
  const encrypted = encryptedPayloadOf(g.rawBody);
  const secret = await loadDeepCuraSecret(deps.secrets, deps.clock);
  const plaintext = await decryptGridhook(encrypted, secret, gridhookCryptoFrom(deps.config));
  const note = parseGridhookNote(plaintext);
  const plaintextSha256 = createHash('sha256').update(plaintext).digest('hex');
  // Until a clinical note claims it, the note's practice comes from its doctor, patient or appointment.
  const route = await routeDelivery(deps.db, 'clinical_notes', {
    doctor: note.doctor_id,
    patient: note.patient_id,
    appointment: note.appointment_id,
  });
  // Recorded before anything can fail, as for DrChrono deliveries: a failed gridhook stays in its practice's queue.
  if (route) await setClinicEventPractice(deps.db, g.eventId, route.practiceId);
  return deps.db.transaction().execute(async (trx) => {
    await withActor(trx, 'deepcura');
    const at = deps.clock.now();
    const inserted = await insertDeepCuraNote(trx, { syncEventId: g.eventId, practiceId: route?.practiceId ?? null, note, plaintextSha256, at });
    if (inserted.outcome === 'duplicate') {
      const { eventId, correlationId, startedAt } = g;
      const first = { noteId: inserted.id, firstEventId: inserted.syncEventId };
      return settleDuplicateGridhook(trx, deps, { eventId, correlationId, startedAt, at, mode, ...first, routedPracticeId: route?.practiceId ?? null });
    }
    const created = inserted.outcome === 'inserted';
    const link = await linkDeepCuraNote(trx, inserted.id, at);
    const stored = await trx.selectFrom('deepcura_notes').select('practice_id').where('id', '=', inserted.id).executeTakeFirstOrThrow();
    const practiceId = stored.practice_id;
    if (created && practiceId) {
      await writeOutbox(trx, 'live-updates', null, { type: 'deepcura.note.received', practiceId, linked: link !== null, at: at.toISOString() });
    }
    // The retry worker marks the event applied but knows no practice: record it here, as settling does live.
    if (mode === 'retry' && practiceId) await setClinicEventPractice(trx, g.eventId, practiceId);
    if (mode === 'live') {
      await settleLiveGridhook(trx, deps, {
        eventId: g.eventId, correlationId: g.correlationId, startedAt: g.startedAt, at, practiceId, status: 'applied',
        counts: { fetched: 1, created: created ? 1 : 0, unchanged: created ? 0 : 1 },
        details: { noteId: inserted.id, linkMethod: link?.method ?? null },
      });
    }
    return { outcome: 'applied' as const, noteId: inserted.id, practiceId, link };
  });
}
