/**
 * `npm start`: the whole of rxbridge on a laptop. Wiring only; each step lives in local/start/.
 * Database → migrations → admin token → DRX sandbox → dev server → Runtime → demo pharmacies
 * → first syncs → a webhook → DrChrono sandbox → demo practice (connect, first sync, webhooks, a
 * Deep Cura gridhook) → the scheduler → the banner. Ctrl-C stops it all, keeping `.data/`.
 */
import { mkdir } from 'node:fs/promises';
import { loadConfig } from '../shared/config/load-config.js';
import pg from 'pg';
import { migrate } from '../shared/db/migrate.js';
import { silentLogger } from '../shared/log/logger.js';
import { createRuntime } from '../shared/runtime/create-runtime.js';
import type { Runtime } from '../shared/runtime/runtime.js';
import { startFunctionsServer, type DevServer } from './dev-server.js';
import { createCronerScheduler } from './scheduler/croner-scheduler.js';
import { listEnabledDrxPharmacyIds } from './scheduler/enabled-pharmacies.js';
import { startLocalScheduler } from './scheduler/local-scheduler.js';
import { loadOrCreateAdminToken } from './start/admin-token.js';
import { bannerLines } from './start/banner.js';
import { runClinicDemo } from './start/clinic-demo.js';
import { startClinicSandbox, type ClinicSandbox } from './start/clinic-sandbox.js';
import { deferredLogger } from './start/deferred-logger.js';
import { DEMO_DRCHRONO_ID_BASE, DEMO_PRACTICE } from './start/demo-practice.js';
import { demoEpoch, startDemoSandbox, type DemoSandbox } from './start/demo-sandbox.js';
import { openLocalDatabase, type LocalDatabase } from './start/local-database.js';
import { buildLocalEnv } from './start/local-env.js';
import { firstSyncs, onboardDemoPharmacies } from './start/onboard-demo.js';
import { DATA_DIR } from './start/repo-paths.js';
import { runStopSteps, stopOnSignals, type StopStep } from './start/shutdown.js';
import { removeStackFile, writeStackFile } from './start/stack-file.js';
import { demonstrateWebhook, webhookDemoLine } from './start/webhook-demo.js';

const say = (line: string): void => console.log(line);
const env = process.env;
let database: LocalDatabase | undefined;
let demo: DemoSandbox | undefined;
let clinic: ClinicSandbox | undefined;
let server: DevServer | undefined;
let rt: Runtime | undefined;
let scheduler: { stop(): Promise<void> } | undefined;

// Stop in the reverse order of start; data stays in .data/ for the next start.
const stopSteps = (): StopStep[] =>
  [
    scheduler && { name: 'scheduler', stop: () => scheduler!.stop() },
    server && { name: 'dev server', stop: () => server!.close() },
    clinic && { name: 'DrChrono sandbox', stop: () => clinic!.sandbox.close() },
    demo && { name: 'DRX sandbox', stop: () => demo!.sandbox.close() },
    rt && { name: 'runtime', stop: () => rt!.close() },
    { name: 'stack file', stop: () => removeStackFile(DATA_DIR) },
    database && { name: 'PostgreSQL', stop: () => database!.stop() },
  ].filter((s): s is StopStep => Boolean(s));
stopOnSignals(stopSteps, say);

try {
  await mkdir(DATA_DIR, { recursive: true });
  database = await openLocalDatabase(env, DATA_DIR);
  say(`database: ${database.description}`);
  // A bare pool: Kysely's destroy() only ends a pool it has used itself.
  const migrations = new pg.Pool({ connectionString: database.url, max: 1, application_name: 'rxbridge-migrate' });
  const applied = await migrate(migrations).finally(() => migrations.end());
  say(`migrations: ${applied.applied.length} applied, ${applied.skipped.length} already applied`);

  const adminToken = env.ADMIN_TOKEN || (await loadOrCreateAdminToken(DATA_DIR));
  demo = await startDemoSandbox({
    dataDir: DATA_DIR,
    port: Number(env.SANDBOX_PORT || 0),
    rateLimitPerSecond: env.SANDBOX_RATE_LIMIT_PER_SECOND ? Number(env.SANDBOX_RATE_LIMIT_PER_SECOND) : undefined,
  });
  say(`DRX sandbox: ${demo.sandbox.url} (${demo.stores.map((s) => s.demo.id).join(', ')})`);

  server = await startFunctionsServer({
    rt: () => {
      if (!rt) throw new Error('the runtime is not ready yet');
      return rt;
    },
    port: Number(env.PORT || 8080),
    log: deferredLogger(() => rt?.log ?? silentLogger),
  });
  // Validated once, here: a bad setting stops start-up naming it.
  const config = loadConfig(buildLocalEnv(env, { databaseUrl: database.url, adminToken, dataDir: DATA_DIR, publicBaseUrl: server.url }));
  rt = createRuntime(config);
  await writeStackFile(DATA_DIR, { pid: process.pid, databaseUrl: database.url, publicBaseUrl: server.url });

  await onboardDemoPharmacies(rt, demo, say);
  await firstSyncs(rt, demo, say).catch((err: unknown) => say(`first sync: ${err instanceof Error ? err.message : String(err)}`));
  const first = demo.stores[0];
  if (first) {
    say(webhookDemoLine(first.demo.id, await demonstrateWebhook(rt.db, rt.clock, first.store, first.demo.id)));
  }

  clinic = await startClinicSandbox({
    epoch: await demoEpoch(DATA_DIR),
    port: Number(env.DRCHRONO_SANDBOX_PORT || 0),
    idBase: DEMO_DRCHRONO_ID_BASE,
    practice: DEMO_PRACTICE,
  });
  say(`DrChrono sandbox: ${clinic.sandbox.url} (${clinic.practice.id})`);
  await runClinicDemo(rt, clinic, { devServerUrl: server.url, say }).catch((err: unknown) =>
    say(`clinic demo: ${err instanceof Error ? err.message : String(err)}`),
  );

  const baseUrl = server.url;
  const db = rt.db;
  scheduler = await startLocalScheduler({
    scheduler: createCronerScheduler({ bearerToken: adminToken, log: rt.log.child({ component: 'local-scheduler' }) }),
    baseUrl,
    syncIntervalMinutes: config.SYNC_INTERVAL_MINUTES,
    reconcileCron: config.RECONCILE_CRON,
    drchronoSyncIntervalMinutes: config.DRCHRONO_SYNC_INTERVAL_MINUTES,
    listEnabled: () => listEnabledDrxPharmacyIds(db),
  });
  for (const line of bannerLines({
    devServerUrl: baseUrl,
    sandboxUrl: demo.sandbox.url,
    databaseDescription: `${database.description} (${database.url})`,
    adminToken,
    syncIntervalMinutes: config.SYNC_INTERVAL_MINUTES,
    reconcileCron: config.RECONCILE_CRON,
    paths: [
      '/sync-now', '/drx-sync', '/pharmacies', '/drx-webhook', '/live-updates', '/outbox-relay',
      '/practices', '/drchrono-sync', '/drchrono-webhook', '/deepcura-webhook', '/deepcura-notes', '/retry-worker', '/dead-letters', '/maintenance-cleanup',
    ],
    demoPharmacyId: first?.demo.id ?? 'ph_demo_1',
    clinic: { practiceId: clinic.practice.id, sandboxUrl: clinic.sandbox.url, syncIntervalMinutes: config.DRCHRONO_SYNC_INTERVAL_MINUTES },
  }))
    say(line);
} catch (err) {
  console.error(`npm start failed: ${err instanceof Error ? err.message : String(err)}`);
  await runStopSteps(stopSteps(), () => undefined);
  process.exit(1);
}
