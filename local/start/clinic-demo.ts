/**
 * The clinic side of `npm start`: points the sandbox's webhook at our function, connects the demo
 * practice through OAuth, runs its first sync, then shows webhooks and a Deep Cura gridhook landing.
 */
import type { Db } from '../../shared/db/create-db.js';
import { syncPractice, createEhrSyncDeps, type PracticeSyncSummary } from '../../shared/ehr-sync/index.js';
import { connectPractice, type ConnectPracticeResult } from '../../shared/practices/index.js';
import type { Runtime } from '../../shared/runtime/runtime.js';
import type { ClinicSandbox } from './clinic-sandbox.js';
import { ensureClinicSecrets } from './clinic-secrets.js';
import { clinicWebhookDemoLine, demonstrateClinicWebhooks, type ClinicWebhookDemoResult } from './clinic-webhook-demo.js';
import { demonstrateGridhook, gridhookDemoLine, type GridhookDemoResult } from './gridhook-demo.js';

export interface MirrorCounts {
  patients: number;
  appointments: number;
  clinicalNotes: number;
  medications: number;
}

export interface ClinicDemoResult {
  practiceId: string;
  webhookVerified: boolean;
  connected: ConnectPracticeResult;
  sync: PracticeSyncSummary;
  /** Live rows of the practice's mirror after the first sync. */
  mirror: MirrorCounts;
  webhooks: ClinicWebhookDemoResult;
  gridhook: GridhookDemoResult;
}

async function countLive(db: Db, table: 'patients' | 'appointments' | 'clinical_notes' | 'medications', practiceId: string): Promise<number> {
  const row = await db
    .selectFrom(table)
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where('practice_id', '=', practiceId)
    .where('deleted_at', 'is', null)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** The practice's mirror, table by table. */
export async function mirrorCounts(db: Db, practiceId: string): Promise<MirrorCounts> {
  return {
    patients: await countLive(db, 'patients', practiceId),
    appointments: await countLive(db, 'appointments', practiceId),
    clinicalNotes: await countLive(db, 'clinical_notes', practiceId),
    medications: await countLive(db, 'medications', practiceId),
  };
}

/** Runs the whole clinic demo against the running dev server at `devServerUrl`, printing a line per step. */
export async function runClinicDemo(rt: Runtime, clinic: ClinicSandbox, opts: { devServerUrl: string; say: (line: string) => void }): Promise<ClinicDemoResult> {
  const { sandbox, practice } = clinic;
  const practiceId = practice.id;
  const secrets = await ensureClinicSecrets(rt.secrets, rt.config);
  sandbox.setWebhook({ url: `${opts.devServerUrl}/drchrono-webhook`, secretToken: secrets.webhookSecret, signatureMode: 'hmac' });
  const webhookVerified = await sandbox.verifyWebhook();
  opts.say(`DrChrono webhook: ${opts.devServerUrl}/drchrono-webhook verified ${webhookVerified ? 'ok' : 'FAILED (deliveries will be refused)'}`);

  // The sandbox is new on every start, so the stored refresh token means nothing to it:
  // reconnect with a fresh authorization code each time (an upsert, the mirror is kept).
  const connected = await connectPractice(rt, {
    practiceId,
    name: clinic.name,
    clientId: sandbox.oauth.clientId,
    clientSecret: sandbox.oauth.clientSecret,
    code: sandbox.oauth.issueCode(practiceId),
    baseUrl: sandbox.url,
  });
  opts.say(`${practiceId}: ${connected.created ? 'connected' : 'reconnected'} (${connected.doctors} doctors, ${connected.offices} offices routed for webhooks)`);

  const sync = await syncPractice(createEhrSyncDeps(rt), { practiceId, kind: 'manual', full: false });
  const mirror = await mirrorCounts(rt.db, practiceId);
  opts.say(
    `${practiceId}: ${mirror.patients} patients, ${mirror.appointments} appointments, ${mirror.clinicalNotes} clinical notes, ${mirror.medications} medications (DrChrono)` +
      ` — ${sync.message} (${sync.status}, ${(sync.durationMs / 1000).toFixed(1)} s)`,
  );

  const webhooks = await demonstrateClinicWebhooks(rt.db, sandbox, practice);
  opts.say(clinicWebhookDemoLine(practiceId, webhooks));

  const gridhook = await demonstrateGridhook(rt.db, {
    devServerUrl: opts.devServerUrl,
    secret: secrets.deepCuraSecret,
    config: rt.config,
    practice,
    appointmentId: webhooks.appointmentId,
  });
  opts.say(gridhookDemoLine(gridhook));
  return { practiceId, webhookVerified, connected, sync, mirror, webhooks, gridhook };
}
