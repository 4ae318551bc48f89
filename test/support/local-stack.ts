/**
 * The whole local stack in-process for end-to-end tests: the DRX sandbox, the dev server
 * hosting every function, and a Runtime over this run's test database. Drive it over HTTP.
 */
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DestinationStream } from 'pino';
import { loadConfig } from '../../shared/config/load-config.js';
import { createLogger } from '../../shared/log/logger.js';
import { createRuntime } from '../../shared/runtime/create-runtime.js';
import type { Runtime } from '../../shared/runtime/runtime.js';
import { startDrxSandbox, type DrxSandbox, type SandboxStore, type SandboxStoreOptions } from '../../local/drx-sandbox/index.js';
import { startFunctionsServer } from '../../local/dev-server.js';
import { testDatabaseUrl } from './test-db.js';

export interface TestStackOptions {
  /** Sandbox stores to create (slug = the pharmacy id tests will onboard). */
  stores?: SandboxStoreOptions[];
  /** Extra settings, e.g. { SYNC_LEASE_SECONDS: '2' }. */
  env?: Record<string, string>;
  /** Where the runtime's log lines go (tests that read logs); default: dropped. */
  logDestination?: DestinationStream;
}

export interface TestStack {
  /** The dev server, e.g. http://127.0.0.1:40123 */
  url: string;
  adminToken: string;
  sandbox: DrxSandbox;
  runtime: Runtime;
  databaseUrl: string;
  secretsDir: string;
  /** The sandbox store of that slug. */
  store(slug: string): SandboxStore;
  /** POSTs JSON with the admin token (pass `token: null` to send none). */
  post(path: string, body: unknown, opts?: { token?: string | null }): Promise<{ status: number; json: Record<string, unknown> }>;
  close(): Promise<void>;
}

/** A fresh DRX-shaped key. */
export function randomDrxKey(): string {
  return `DRX${randomBytes(16).toString('hex')}`;
}

/** Sandbox store options with a random key and small defaults. */
export function storeOptions(slug: string, opts: Partial<SandboxStoreOptions> = {}): SandboxStoreOptions {
  return { slug, apiKey: randomDrxKey(), seed: 42, doctors: 5, prescriptions: 50, ...opts };
}

/** Starts sandbox, dev server and runtime; `close()` stops them all (the database stays, as every test's data is unique). */
export async function startTestStack(opts: TestStackOptions = {}): Promise<TestStack> {
  const sandbox = await startDrxSandbox({ port: 0 });
  for (const s of opts.stores ?? []) sandbox.addStore(s);
  const secretsDir = await mkdtemp(join(tmpdir(), 'rxbridge-e2e-secrets-'));
  const adminToken = randomBytes(32).toString('hex');
  const databaseUrl = testDatabaseUrl();
  // The server starts first (the runtime's PUBLIC_BASE_URL is its URL); handlers read the runtime per request.
  const holder: { runtime?: Runtime } = {};
  const log = createLogger({ level: opts.logDestination ? 'debug' : 'silent', destination: opts.logDestination });
  const server = await startFunctionsServer({
    rt: () => {
      if (!holder.runtime) throw new Error('runtime not ready');
      return holder.runtime;
    },
    port: 0,
    log,
  });
  const config = loadConfig({
    DATABASE_URL: databaseUrl,
    ADMIN_TOKEN: adminToken,
    SECRETS_BACKEND: 'file',
    SECRETS_DIR: secretsDir,
    PUBSUB_BACKEND: 'local',
    PUBLIC_BASE_URL: server.url,
    DRX_REQUESTS_PER_SECOND: '50',
    ...opts.env,
  });
  const rt = createRuntime(config, { log });
  holder.runtime = rt;

  const post: TestStack['post'] = async (path, body, o = {}) => {
    const token = o.token === undefined ? adminToken : o.token;
    const res = await fetch(`${server.url}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(token === null ? {} : { authorization: `Bearer ${token}` }) },
      body: typeof body === 'string' ? body : JSON.stringify(body),
    });
    const text = await res.text();
    let json: Record<string, unknown>;
    try {
      json = JSON.parse(text) as Record<string, unknown>;
    } catch {
      json = { text };
    }
    return { status: res.status, json };
  };

  return {
    url: server.url,
    adminToken,
    sandbox,
    runtime: rt,
    databaseUrl,
    secretsDir,
    store: (slug) => sandbox.store(slug),
    post,
    async close() {
      await sandbox.close();
      await server.close();
      await rt.close();
      await rm(secretsDir, { recursive: true, force: true });
    },
  };
}
