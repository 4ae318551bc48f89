/** Shows a DRX webhook flowing end to end: the sandbox creates an Rx, POSTs it to /drx-webhook, and it lands. */
import type { Db } from '../../shared/db/create-db.js';
import type { SyncEventStatus } from '../../shared/db/database.js';
import type { Clock } from '../../shared/time/clock.js';
import type { SandboxStore } from '../drx-sandbox/index.js';

export interface WebhookDemoResult {
  prescriptionId: string;
  /** HTTP statuses our function answered, one per delivery. */
  statuses: number[];
  /** The stored deliveries (sync_events) this produced, e.g. `Prescription Created: applied`. */
  events: Array<{ kind: string; status: SyncEventStatus }>;
  /** Whether the Rx is now in the prescriptions table. */
  stored: boolean;
}

// Applying may finish just after the 2xx; give it a few seconds before reporting it missing.
const APPLIED_WAIT_MS = 5_000;

async function newEvents(db: Db, pharmacyId: string, after: Date | null) {
  let q = db.selectFrom('sync_events').select(['kind', 'status']).where('pharmacy_id', '=', pharmacyId).where('direction', '=', 'inbound');
  if (after) q = q.where('received_at', '>', after);
  return q.orderBy('received_at').execute();
}

/** Fires one `addPrescription` on the store and waits for its deliveries to be answered and applied. */
export async function demonstrateWebhook(db: Db, clock: Clock, store: SandboxStore, pharmacyId: string): Promise<WebhookDemoResult> {
  const last = await db
    .selectFrom('sync_events')
    .select((eb) => eb.fn.max('received_at').as('at'))
    .where('pharmacy_id', '=', pharmacyId)
    .executeTakeFirst();
  const before = store.deliveries().length;
  const rx = store.addPrescription();
  await store.flushWebhooks();
  const statuses = store
    .deliveries()
    .slice(before)
    .map((d) => d.status ?? 0);
  let events = await newEvents(db, pharmacyId, last?.at ?? null);
  for (let waited = 0; events.some((e) => e.status === 'received') && waited < APPLIED_WAIT_MS; waited += 100) {
    await clock.sleep(100);
    events = await newEvents(db, pharmacyId, last?.at ?? null);
  }
  const row = await db
    .selectFrom('prescriptions')
    .select('id')
    .where('pharmacy_id', '=', pharmacyId)
    .where('external_id', '=', String(rx.id))
    .executeTakeFirst();
  return { prescriptionId: String(rx.id), statuses, events: events.map((e) => ({ kind: e.kind.replace(/^drx\./, ''), status: e.status })), stored: row !== undefined };
}

/** One console line describing what happened. */
export function webhookDemoLine(pharmacyId: string, r: WebhookDemoResult): string {
  const answered = r.statuses.length === 0 ? 'no deliveries were made' : `${r.statuses.length} deliveries answered ${[...new Set(r.statuses)].join('/')}`;
  const events = r.events.map((e) => `${e.kind}: ${e.status}`).join(', ') || 'none stored';
  const stored = r.stored ? 'the Rx is stored' : 'the Rx is not stored yet (the next sync brings it)';
  return `webhook: sandbox created Rx ${r.prescriptionId} for ${pharmacyId}; ${answered} (${events}); ${stored}`;
}
