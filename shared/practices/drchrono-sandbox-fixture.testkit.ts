// Test-only: the test database, a temp-dir secret store and a DrChrono sandbox
// sharing one ManualClock, plus a helper that connects a sandbox practice.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startDrChronoSandbox, type DrChronoSandbox } from '../../local/drchrono-sandbox/index.js';
import { loadConfig } from '../config/load-config.js';
import type { Config } from '../config/env-schema.js';
import type { DbHandle } from '../db/create-db.js';
import { silentLogger } from '../log/logger.js';
import { createFileSecretStore } from '../secrets/file-secret-store.js';
import type { SecretStore } from '../secrets/secret-store.js';
import { ManualClock } from '../time/clock.js';
import { openTestDb, testDatabaseUrl, uniquePharmacyId } from '../../test/support/test-db.js';
import { connectPractice, type ConnectPracticeDeps, type ConnectPracticeResult } from './connect-practice.js';

export interface DrChronoFixture {
  handle: DbHandle;
  deps: ConnectPracticeDeps & { clock: ManualClock };
  secrets: SecretStore;
  secretsDir: string;
  sandbox: DrChronoSandbox;
  clock: ManualClock;
  config: Config;
  /** Adds a sandbox practice and connects it with a fresh authorization code. */
  connect(opts?: { patients?: number; doctors?: number; offices?: number; requestsPerHour?: number }): Promise<ConnectPracticeResult>;
  close(): Promise<void>;
}

/** Starts the fixture; `env` adds settings. */
export async function startDrChronoFixture(env: Record<string, string> = {}): Promise<DrChronoFixture> {
  const secretsDir = await mkdtemp(join(tmpdir(), 'rxbridge-drchrono-'));
  const clock = new ManualClock(new Date('2026-03-10T10:15:00Z'));
  const sandbox = await startDrChronoSandbox({ port: 0, now: () => clock.now() });
  const handle = openTestDb();
  const config = loadConfig({ DATABASE_URL: testDatabaseUrl(), SECRETS_DIR: secretsDir, ...env });
  const secrets = createFileSecretStore(secretsDir);
  const deps = { db: handle.db, secrets, clock, log: silentLogger, config };
  return {
    handle,
    deps,
    secrets,
    secretsDir,
    sandbox,
    clock,
    config,
    async connect(opts = {}) {
      const practiceId = uniquePharmacyId('pr_t');
      sandbox.addPractice({ id: practiceId, seed: 7, doctors: opts.doctors ?? 2, offices: opts.offices ?? 1, patients: opts.patients ?? 3 });
      return connectPractice(deps, {
        practiceId,
        name: 'Sandbox Clinic',
        clientId: sandbox.oauth.clientId,
        clientSecret: sandbox.oauth.clientSecret,
        code: sandbox.oauth.issueCode(practiceId),
        baseUrl: sandbox.url,
        requestsPerHour: opts.requestsPerHour,
      });
    },
    async close() {
      await sandbox.close();
      await handle.close();
      await rm(secretsDir, { recursive: true, force: true });
    },
  };
}
