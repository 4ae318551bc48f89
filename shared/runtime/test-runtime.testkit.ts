// Test-only: a Runtime on the test database with a temp-dir secret store, and
// a Functions Framework test server for a registered target, listening on loopback.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { getTestServer } from '@google-cloud/functions-framework/testing';
import { loadConfig } from '../config/load-config.js';
import { openTestDb, testDatabaseUrl } from '../../test/support/test-db.js';
import { silentLogger } from '../log/logger.js';
import { createRuntime, type RuntimeOverrides } from './create-runtime.js';
import type { Runtime } from './runtime.js';

export const TEST_ADMIN_TOKEN = 'test-admin-token-0123456789abcdef0123456789';

export interface TestRuntime {
  rt: Runtime;
  secretsDir: string;
  close(): Promise<void>;
}

/** A Runtime over the run's test database; `env` adds settings (e.g. PUBLIC_BASE_URL). */
export async function createTestRuntime(env: Record<string, string> = {}, overrides: RuntimeOverrides = {}): Promise<TestRuntime> {
  const secretsDir = await mkdtemp(join(tmpdir(), 'rxbridge-secrets-'));
  const handle = openTestDb();
  const config = loadConfig({
    DATABASE_URL: testDatabaseUrl(),
    ADMIN_TOKEN: TEST_ADMIN_TOKEN,
    SECRETS_DIR: secretsDir,
    DRX_REQUESTS_PER_SECOND: '0',
    DRX_MAX_ATTEMPTS: '2',
    DRX_REQUEST_TIMEOUT_MS: '5000',
    ...env,
  });
  const rt = createRuntime(config, { db: handle, log: silentLogger, ...overrides });
  return {
    rt,
    secretsDir,
    close: async () => {
      await handle.close();
      await rm(secretsDir, { recursive: true, force: true });
    },
  };
}

export interface ServedFunction {
  url: string;
  close(): Promise<void>;
}

/** Serves the registered function `target` through the framework's own test server. */
export async function serveFunction(target: string): Promise<ServedFunction> {
  const server: Server = getTestServer(target);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((err) => (err ? reject(err) : resolve()));
      }),
  };
}
