/**
 * Scenario 4 (issue 3): DrChrono webhook ingest under load. Our real
 * `drchronoWebhook` function, served as Cloud Functions serves it (getTestServer
 * builds its server through the framework's getServer, which the function's
 * module routes to node:http directly, as the framework's CLI does), over
 * a fresh database with the secret in a file secret store, against a bare
 * `http` server doing verify + one INSERT, both loaded by autocannon from a
 * second process. Deliveries are TASK_CREATE: verified, stored, settled
 * 'ignored', logged and answered 200 without a DrChrono re-fetch, so this
 * measures our ingest path (signature, store, answer), not DrChrono's API.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import pino from 'pino';
import pg from 'pg';
import { getTestServer } from '@google-cloud/functions-framework/testing';
import { loadConfig } from '../../shared/config/load-config.js';
import { DRCHRONO_WEBHOOK_SECRET_NAME } from '../../shared/drchrono-webhooks/webhook-signature.js';
import { createLogger } from '../../shared/log/logger.js';
import { createRuntime } from '../../shared/runtime/create-runtime.js';
import { setRuntimeForTests } from '../../shared/runtime/lazy-runtime.js';
import { BARE_TABLE, startBareWebhookServer } from '../bare-webhook-server.js';
import { registerStockFramework, STOCK_FRAMEWORK_TARGET } from '../stock-framework-function.js';
import { checkpoint } from '../bench-db.js';
import type { BenchServer } from '../bench-db.js';
import { runLoad } from '../load-client.js';
import type { LoadResult } from '../load-client.js';
import { int, ratio, say, verdict } from '../report.js';
import type { TargetResult } from '../report.js';

const CONNECTIONS = 50;
const SECONDS = 15;
const EVENT = 'TASK_CREATE';
const RATIO_TARGET = 0.5;
const P99_TARGET_MS = 50;

async function listen(server: Server): Promise<{ url: string; close(): Promise<void> }> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/drchrono-webhook`,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((err) => (err ? reject(err) : resolve()));
      }),
  };
}

async function countIn(pool: pg.Pool, query: string, ids: string[]): Promise<number> {
  const res = await pool.query<{ n: string }>(query, [ids]);
  return Number(res.rows[0]?.n ?? 0);
}

/** A load run and the CPU the server's process (this one) spent meanwhile, per 2xx answer. */
type Measured = LoadResult & { cpuMicrosPer2xx: number };

// The server runs in this process while the load runs in another, so this process's CPU time over the run is the
// server's: a figure a noisy neighbour's steal time distorts far less than requests per second.
async function measured(load: Promise<LoadResult>, startCpu: NodeJS.CpuUsage): Promise<Measured> {
  const r = await load;
  const used = process.cpuUsage(startCpu);
  return { ...r, cpuMicrosPer2xx: r.total2xx > 0 ? (used.user + used.system) / r.total2xx : 0 };
}

const rps = (r: LoadResult) => r.total2xx / r.seconds;
const line = (r: LoadResult) => `${int(rps(r))} req/s, p50 ${r.p50} ms, p99 ${r.p99} ms`;
const extras = (r: Measured) =>
  `${int(r.total2xx)} × 2xx, ${int(r.non2xx)} non-2xx, ${int(r.errors)} errors, ${int(r.timeouts)} timeouts; server CPU ${int(r.cpuMicrosPer2xx)} µs per delivery`;

/** Loads our webhook function and the bare baseline in turn; returns the three issue-3 speed targets. */
export async function webhookIngest(server: BenchServer): Promise<TargetResult[]> {
  const handle = await server.freshDatabase('webhook');
  const secretsDir = await mkdtemp(join(tmpdir(), 'rxbridge-bench-secrets-'));
  const secret = randomBytes(24).toString('hex');
  const tag = randomBytes(4).toString('hex');
  // Production settings (pool size, info logging) except where they must be local; log lines go to /dev/null so
  // their serialisation is still paid for without flooding the report.
  const config = loadConfig({ DATABASE_URL: handle.url, SECRETS_BACKEND: 'file', SECRETS_DIR: secretsDir, LOG_LEVEL: 'info' });
  const rt = createRuntime(config, { log: createLogger({ level: 'info', destination: pino.destination({ dest: '/dev/null', sync: false }) }) });
  await rt.secrets.put(DRCHRONO_WEBHOOK_SECRET_NAME, secret);
  setRuntimeForTests(rt);
  try {
    await import('../../functions/drchrono-webhook/index.js');
    const ours = await listen(getTestServer('drchronoWebhook'));
    say(`ours: drchronoWebhook as the Functions Framework serves it (node:http, shared/http/register-http-function.ts) at ${ours.url}, pool ${config.DATABASE_POOL_MAX}, event ${EVENT}; load: autocannon in a child process, ${CONNECTIONS} connections × ${SECONDS} s, unique delivery id + body per request`);
    let o: Measured;
    try {
      o = await measured(runLoad({ url: ours.url, secret, event: EVENT, tag: `ours-${tag}`, connections: CONNECTIONS, seconds: SECONDS }), process.cpuUsage());
    } finally {
      await ours.close();
    }
    const stored = await countIn(handle.pool, `select count(*) as n from sync_events where source = 'drchrono' and idempotency_key = any($1::text[])`, o.answeredIds);
    say(`  ours: ${extras(o)}; ${int(stored)} of the 2xx deliveries found in sync_events`);
    await checkpoint(handle.pool);

    // Its own pool, the size of the runtime's, so neither run inherits the other's warm connections.
    const barePool = new pg.Pool({ connectionString: handle.url, max: config.DATABASE_POOL_MAX, application_name: 'rxbridge-bench-bare' });
    let b: Measured;
    let s: Measured;
    try {
      const bare = await startBareWebhookServer(barePool, secret);
      try {
        b = await measured(runLoad({ url: bare.url, secret, event: EVENT, tag: `bare-${tag}`, connections: CONNECTIONS, seconds: SECONDS }), process.cpuUsage());
      } finally {
        await bare.close();
      }
      registerStockFramework(barePool, secret); // writes to the table the bare server created; runs last (see its module)
      const stock = await listen(getTestServer(STOCK_FRAMEWORK_TARGET));
      try {
        s = await measured(runLoad({ url: stock.url, secret, event: EVENT, tag: `stock-${tag}`, connections: CONNECTIONS, seconds: SECONDS }), process.cpuUsage());
      } finally {
        await stock.close();
      }
    } finally {
      await barePool.end();
    }
    const bareStored = await countIn(handle.pool, `select count(*) as n from ${BARE_TABLE} where delivery_id = any($1::text[])`, b.answeredIds);
    say(`  bare: ${extras(b)}; ${int(bareStored)} of the 2xx deliveries found in ${BARE_TABLE}`);
    const stockStored = await countIn(handle.pool, `select count(*) as n from ${BARE_TABLE} where delivery_id = any($1::text[])`, s.answeredIds);
    say(`  stock framework (the bare server's verify + one INSERT on the Functions Framework's own Express server): ${extras(s)}; ${int(stockStored)} found in ${BARE_TABLE}`);
    say(`  reference: stock framework ${line(s)}; stock/bare ${ratio(rps(s) / rps(b))} (what the Express stack we do without would cost), ours/stock ${ratio(rps(o) / rps(s))}`);

    const r = rps(o) / rps(b);
    const ratioPass = r >= RATIO_TARGET;
    const p99Pass = o.p99 < P99_TARGET_MS;
    const lostPass = o.total2xx > 0 && stored === o.total2xx && o.answeredIds.length === o.total2xx;
    say(`webhook ingest: ${line(o)} | bare server: ${line(b)} | ratio X/X0 = ${ratio(r)} (target ≥ ${RATIO_TARGET.toFixed(2)}) ${verdict(ratioPass)}; p99 ${o.p99} ms (target < ${P99_TARGET_MS} ms) ${verdict(p99Pass)}; stored ${int(stored)} of ${int(o.total2xx)} 2xx (no delivery lost) ${verdict(lostPass)}`);
    return [
      { name: 'webhook ingest vs bare server', measured: `${ratio(r)} (${int(rps(o))} / ${int(rps(b))} req/s)`, target: `≥ ${RATIO_TARGET.toFixed(2)}`, pass: ratioPass },
      { name: 'webhook ingest p99', measured: `${o.p99} ms (p50 ${o.p50} ms)`, target: `< ${P99_TARGET_MS} ms`, pass: p99Pass },
      { name: 'webhook deliveries stored', measured: `${int(stored)} of ${int(o.total2xx)} 2xx`, target: 'all (none lost)', pass: lostPass },
    ];
  } finally {
    setRuntimeForTests(undefined);
    await rt.close();
    await handle.close();
    await rm(secretsDir, { recursive: true, force: true });
  }
}
