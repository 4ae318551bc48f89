/** Scenario 1: a first full sync of a large store into an empty database, beside a bare upsert of the same rows. */
import { checkpoint, countStored, insertPharmacy } from '../bench-db.js';
import { runBaselineUpsert } from '../baseline-upsert.js';
import type { BaselineResult } from '../baseline-upsert.js';
import type { SandboxStoreOptions } from '../../local/drx-sandbox/index.js';
import type { EngineRun, SyncTarget } from '../engine-port.js';
import { generateMappedRows } from '../generate-rows.js';
import { spannedDb } from '../query-spans.js';
import { int, ratio, say, secs, verdict } from '../report.js';
import type { TargetResult } from '../report.js';
import { printBreakdown } from './breakdown.js';
import { benchApiKey } from './context.js';
import type { BenchContext } from './context.js';

export const BIG_STORE = { slug: 'bench_big', doctors: 5000, prescriptions: 100_000, fillsPerPrescription: 2 };
const TARGET = 0.5;

export interface FirstSyncResult {
  target: SyncTarget;
  run: EngineRun;
  rows: number;
  baseline: BaselineResult;
  result: TargetResult;
  close(): Promise<void>;
}

// Its own function so the generated rows are garbage once it returns, before the sync runs in this process.
async function measureBaseline(
  ctx: BenchContext,
  storeOpts: Omit<SandboxStoreOptions, 'now'>,
  baseUrl: string,
): Promise<BaselineResult> {
  const t1 = performance.now();
  const mapped = await generateMappedRows(storeOpts);
  say(`baseline input: generated and mapped ${int(mapped.doctors.length + mapped.prescriptions.length + mapped.fills.length)} rows in ${secs((performance.now() - t1) / 1000)} (not timed)`);
  const base = await ctx.server.freshDatabase('baseline');
  try {
    await insertPharmacy(base.pool, { id: 'bench_big', baseUrl, requestsPerSecond: 0, apiKey: storeOpts.apiKey });
    const baseline = await runBaselineUpsert(base.pool, 'bench_big', mapped);
    await checkpoint(base.pool);
    return baseline;
  } finally {
    await base.close();
  }
}

/** Baseline first (its database is dropped before the sync starts), then the sync into its own empty database. */
export async function firstSync(ctx: BenchContext): Promise<FirstSyncResult> {
  const apiKey = benchApiKey(1);
  const t0 = performance.now();
  const storeOpts = { ...BIG_STORE, apiKey, seed: 20_240_101 };
  const { baseUrl, counts } = await ctx.sandbox.addStore(storeOpts);
  say(`store ${BIG_STORE.slug}: ${int(counts.doctors)} doctors, ${int(counts.prescriptions)} prescriptions, ${int(counts.fills)} fills (generated in ${secs((performance.now() - t0) / 1000)})`);

  const baseline = await measureBaseline(ctx, storeOpts, baseUrl);
  const r0 = baseline.rows / baseline.seconds;
  const s = baseline.split;
  say(`bare upsert: ${int(baseline.rows)} rows in ${secs(baseline.seconds)} = ${int(r0)} rows/s (prescribers ${secs(s.prescribers)}, prescriptions ${secs(s.prescriptions)}, fills ${secs(s.fills)})`);

  const handle = await ctx.server.freshDatabase('sync');
  await insertPharmacy(handle.pool, { id: 'bench_big', baseUrl, requestsPerSecond: 0, apiKey });
  const target: SyncTarget = { db: spannedDb(handle.pool), pharmacyId: 'bench_big', apiKey };
  await ctx.sandbox.resetStats(BIG_STORE.slug);
  const run = await ctx.engine.sync(target, true);
  const stored = await countStored(handle.pool, 'bench_big');
  const rows = stored.doctors + stored.prescriptions + stored.fills;
  const rate = rows / run.seconds;
  const r = rate / r0;
  const pass = r >= TARGET && rows === baseline.rows;
  say(`first sync: ${int(rows)} rows in ${secs(run.seconds)} = ${int(rate)} rows/s | bare upsert: ${int(r0)} rows/s | ratio R/R0 = ${ratio(r)} (target ≥ ${TARGET.toFixed(2)}) ${verdict(pass)}`);
  say(`  run status ${run.summary.status}; stored ${int(stored.doctors)} doctors, ${int(stored.prescriptions)} prescriptions, ${int(stored.fills)} fills${rows === baseline.rows ? '' : ` — MISMATCH: baseline stored ${int(baseline.rows)}`}`);
  const stats = await ctx.sandbox.stats(BIG_STORE.slug);
  say(`  sandbox answered ${int(stats.requests)} requests (${Object.entries(stats.byPath).map(([p, n]) => `${p} ${int(n)}`).join(', ')})`);
  printBreakdown(run);
  await checkpoint(handle.pool);
  return {
    target,
    run,
    rows,
    baseline,
    result: { name: 'first sync vs bare upsert', measured: `${ratio(r)} (${int(rate)} vs ${int(r0)} rows/s)`, target: `≥ ${TARGET.toFixed(2)}`, pass },
    close: () => target.db.close(),
  };
}
