/** PostgreSQL for the benchmark: an embedded throwaway server (or BENCH_DATABASE_URL) and fresh migrated databases on it. */
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { createDb } from '../shared/db/create-db.js';
import type { DbHandle } from '../shared/db/create-db.js';
import { migrate } from '../shared/db/migrate.js';
import { startEmbeddedPostgres } from '../local/postgres/embedded-postgres.js';

export interface BenchServer {
  /** Where it runs, for the report header. */
  label: string;
  /** A superuser URL to it, for a child process to make databases of its own (bench/webhook-process.ts). */
  adminUrl: string;
  /** Creates an empty database, applies sql/ migrations and opens a pool to it. */
  freshDatabase(tag: string): Promise<DbHandle & { url: string }>;
  /** Drops the databases made so far (closing their pools first is the caller's job). */
  dropDatabases(): Promise<void>;
  /**
   * Waits until the server does no background work of its own (a checkpoint, then no autovacuum worker left,
   * up to SETTLE_LIMIT_MS), so the next measurement does not pay for what an earlier phase wrote.
   */
  settle(): Promise<void>;
  /** Drops the databases it made (external server) or stops and deletes the cluster (embedded). */
  stop(): Promise<void>;
}

async function freePort(): Promise<number> {
  const srv = createServer();
  await new Promise<void>((resolve) => srv.listen(0, '127.0.0.1', resolve));
  const { port } = srv.address() as AddressInfo;
  await new Promise<void>((resolve) => srv.close(() => resolve()));
  return port;
}

function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}

/** Longest settle() waits for autovacuum; beyond it the run goes on (and the report's baseline shares the noise). */
const SETTLE_LIMIT_MS = 60_000;

/** Starts the server the benchmark writes to. */
export async function startBenchServer(externalUrl = process.env.BENCH_DATABASE_URL): Promise<BenchServer> {
  let adminUrl: string;
  let label: string;
  let stopServer: () => Promise<void>;
  if (externalUrl) {
    adminUrl = externalUrl;
    label = `BENCH_DATABASE_URL (${new URL(externalUrl).host})`;
    stopServer = async () => undefined;
  } else {
    const dir = await mkdtemp(join(tmpdir(), 'rxbridge-bench-pg-'));
    const port = await freePort();
    const server = await startEmbeddedPostgres({ dir, port, persistent: false });
    adminUrl = server.urlFor('postgres');
    label = `embedded PostgreSQL on :${port}`;
    stopServer = async () => {
      await server.stop();
      await rm(dir, { recursive: true, force: true });
    };
  }
  const made: string[] = [];
  const admin = async <T>(fn: (c: pg.Client) => Promise<T>): Promise<T> => {
    const client = new pg.Client({ connectionString: adminUrl });
    await client.connect();
    try {
      return await fn(client);
    } finally {
      await client.end();
    }
  };
  const dropMade = async (): Promise<void> => {
    for (const name of made.splice(0)) await admin((c) => c.query(`drop database if exists "${name}" with (force)`));
  };
  return {
    label,
    adminUrl,
    async freshDatabase(tag) {
      const name = `rxbench_${tag}_${randomBytes(4).toString('hex')}`;
      await admin((c) => c.query(`create database "${name}"`));
      made.push(name);
      const url = withDatabase(adminUrl, name);
      const handle = createDb(url, { max: 10, applicationName: `rxbridge-bench-${tag}` });
      await migrate(handle.pool);
      return { ...handle, url };
    },
    dropDatabases: dropMade,
    async settle() {
      await admin(async (c) => {
        await c.query('checkpoint').catch(() => undefined);
        const until = Date.now() + SETTLE_LIMIT_MS;
        while (Date.now() < until) {
          const res = await c.query<{ n: string }>(`select count(*) as n from pg_stat_activity where backend_type = 'autovacuum worker'`);
          if (Number(res.rows[0]?.n ?? 0) === 0) return;
          await new Promise((resolve) => setTimeout(resolve, 250));
        }
      });
    },
    async stop() {
      if (externalUrl) await dropMade();
      await stopServer();
    },
  };
}

/** Inserts the pharmacy and its DRX integration row, as onboarding would. */
export async function insertPharmacy(
  pool: pg.Pool,
  p: { id: string; baseUrl: string; requestsPerSecond: number; apiKey: string },
): Promise<void> {
  await pool.query('insert into pharmacies (id, name) values ($1, $2)', [p.id, `Bench ${p.id}`]);
  await pool.query(
    `insert into pharmacy_integrations (pharmacy_id, system, base_url, secret_ref, key_last4, requests_per_second)
     values ($1, 'drx', $2, $3, $4, $5)`,
    [p.id, p.baseUrl, `drx-api-key-${p.id}`, p.apiKey.slice(-4), p.requestsPerSecond],
  );
}

/** Flushes dirty buffers so one phase's writes are not paid for by the next; needs superuser, so best effort. */
export async function checkpoint(pool: pg.Pool): Promise<void> {
  await pool.query('checkpoint').catch(() => undefined);
}

/** Rows the pharmacy has stored: its doctors (pharmacy_prescribers), prescriptions and fills. */
export async function countStored(pool: pg.Pool, pharmacyId: string): Promise<{ doctors: number; prescriptions: number; fills: number }> {
  const res = await pool.query<{ doctors: string; prescriptions: string; fills: string }>(
    `select (select count(*) from pharmacy_prescribers where pharmacy_id = $1) as doctors,
            (select count(*) from prescriptions where pharmacy_id = $1) as prescriptions,
            (select count(*) from prescription_fills where pharmacy_id = $1) as fills`,
    [pharmacyId],
  );
  const r = res.rows[0];
  return { doctors: Number(r?.doctors ?? 0), prescriptions: Number(r?.prescriptions ?? 0), fills: Number(r?.fills ?? 0) };
}
