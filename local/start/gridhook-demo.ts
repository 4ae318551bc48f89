/** Shows a Deep Cura gridhook landing: an encrypted note for a demo visit, stored and linked to its clinical note. */
import type { Config } from '../../shared/config/env-schema.js';
import type { Db } from '../../shared/db/create-db.js';
import { buildDeepCuraNote, sendGridhook, type SandboxPractice } from '../drchrono-sandbox/index.js';

export interface GridhookDemoResult {
  appointmentId: string;
  /** Our function's HTTP answer. */
  status: number;
  /** The deepcura_notes row, when one was stored (or, for a duplicate, the one stored before). */
  noteId: string | null;
  /** True when the note was already stored (e.g. by an earlier `npm start` of the same demo visit). */
  duplicate: boolean;
  clinicalNoteId: string | null;
  linkMethod: 'appointment' | 'patient_date' | null;
  /** The error code of a refused gridhook (e.g. decrypt_failed when DEEPCURA_* do not match the secret). */
  errorCode: string | null;
}

function parse(body: string): Record<string, unknown> {
  try {
    const json: unknown = JSON.parse(body);
    return json !== null && typeof json === 'object' ? (json as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

/** Encrypts the note with the receiver's DEEPCURA_* settings (as Deep Cura would) and POSTs it to /deepcura-webhook. */
export async function demonstrateGridhook(
  db: Db,
  opts: { devServerUrl: string; secret: string; config: Config; practice: SandboxPractice; appointmentId: string },
): Promise<GridhookDemoResult> {
  const c = opts.config;
  const answer = await sendGridhook({
    url: `${opts.devServerUrl}/deepcura-webhook`,
    secret: opts.secret,
    payload: buildDeepCuraNote(opts.practice, { appointmentId: opts.appointmentId }),
    keyDerivation: c.DEEPCURA_KEY_DERIVATION,
    salt: c.DEEPCURA_SCRYPT_SALT,
    iv: c.DEEPCURA_IV,
    encoding: c.DEEPCURA_ENCODING,
  });
  const body = parse(answer.body);
  const error = body.error as { code?: unknown } | undefined;
  const eventId = typeof body.eventId === 'string' ? body.eventId : undefined;
  // A resend of a stored note answers with that note's id; its own delivery made none.
  const firstNoteId = typeof body.noteId === 'string' && body.duplicate === true ? body.noteId : undefined;
  const notes = db.selectFrom('deepcura_notes').select(['id', 'clinical_note_id', 'link_method']);
  const row = firstNoteId
    ? await notes.where('id', '=', firstNoteId).executeTakeFirst()
    : eventId
      ? await notes.where('sync_event_id', '=', eventId).executeTakeFirst()
      : undefined;
  return {
    appointmentId: opts.appointmentId,
    status: answer.status,
    noteId: row?.id ?? null,
    duplicate: firstNoteId !== undefined,
    clinicalNoteId: row?.clinical_note_id ?? null,
    linkMethod: row?.link_method ?? null,
    errorCode: typeof error?.code === 'string' ? error.code : null,
  };
}

/** One console line describing what happened. */
export function gridhookDemoLine(r: GridhookDemoResult): string {
  const head = `Deep Cura gridhook for appointment ${r.appointmentId}: answered ${r.status}`;
  if (r.noteId === null) return `${head}; not stored${r.errorCode ? ` (${r.errorCode})` : ''}`;
  const link = r.clinicalNoteId ? `linked to clinical note ${r.clinicalNoteId} (by ${r.linkMethod ?? '?'})` : 'not linked yet (waits for its clinical note)';
  return `${head}; ${r.duplicate ? 'already stored' : 'stored'} as Deep Cura note ${r.noteId}, ${link}`;
}
