/**
 * Shows DrChrono webhooks flowing end to end: the sandbox adds a patient, books a visit,
 * locks its note and prescribes a medication, POSTing each to /drchrono-webhook.
 */
import type { Db } from '../../shared/db/create-db.js';
import type { SyncEventStatus } from '../../shared/db/database.js';
import type { DrChronoSandbox, SandboxPractice } from '../drchrono-sandbox/index.js';

export interface ClinicWebhookDemoResult {
  patientId: number;
  appointmentId: string;
  clinicalNoteId: number;
  /** HTTP statuses our function answered, one per delivery. */
  statuses: number[];
  /** The stored deliveries (sync_events), e.g. `PATIENT_CREATE: applied`, in delivery order. */
  events: Array<{ kind: string; status: SyncEventStatus; practiceId: string | null }>;
  /** Deliveries stored as applied for this practice. */
  applied: number;
}

/** Runs the mutations one at a time (DrChrono spaces its events: a note's delivery routes through its stored patient). */
export async function demonstrateClinicWebhooks(db: Db, sandbox: DrChronoSandbox, practice: SandboxPractice): Promise<ClinicWebhookDemoResult> {
  const before = sandbox.deliveries().length;
  const step = async <T>(mutate: () => T): Promise<T> => {
    const out = mutate();
    await sandbox.flushWebhooks();
    return out;
  };
  const patient = await step(() => practice.createPatient());
  const appointment = await step(() => practice.createAppointment(patient.id));
  // Creating a note fires nothing in DrChrono; locking it does.
  const note = await step(() => practice.lockNote(practice.createClinicalNote(appointment.id).id));
  await step(() => practice.createMedication(patient.id));

  const deliveries = sandbox.deliveries().slice(before);
  const ids = deliveries.map((d) => d.deliveryId);
  const rows = ids.length === 0
    ? []
    : await db
        .selectFrom('sync_events')
        .select(['idempotency_key', 'kind', 'status', 'practice_id'])
        .where('source', '=', 'drchrono')
        .where('idempotency_key', 'in', ids)
        .execute();
  const events = ids.flatMap((id) => rows.filter((r) => r.idempotency_key === id).map((r) => ({ kind: r.kind, status: r.status, practiceId: r.practice_id })));
  return {
    patientId: patient.id,
    appointmentId: appointment.id,
    clinicalNoteId: note.id,
    statuses: deliveries.map((d) => d.status ?? 0),
    events,
    applied: events.filter((e) => e.status === 'applied' && e.practiceId === practice.id).length,
  };
}

/** One console line describing what happened. */
export function clinicWebhookDemoLine(practiceId: string, r: ClinicWebhookDemoResult): string {
  const answered = r.statuses.length === 0 ? 'no deliveries were made' : `${r.statuses.length} deliveries answered ${[...new Set(r.statuses)].join('/')}`;
  const events = r.events.map((e) => `${e.kind}: ${e.status}`).join(', ') || 'none stored';
  return `DrChrono webhooks: new patient, appointment, locked note, medication for ${practiceId}; ${answered} (${events}); ${r.applied} applied to ${practiceId}`;
}
