/** Scenario 3: a sync against a store limited to 20 requests/s must stay within 1.1× the floor that limit sets. */
import { insertPharmacy } from '../bench-db.js';
import { spannedDb } from '../query-spans.js';
import { int, ratio, say, secs, verdict } from '../report.js';
import type { TargetResult } from '../report.js';
import { printBreakdown } from './breakdown.js';
import { benchApiKey } from './context.js';
import type { BenchContext } from './context.js';

const STORE = { slug: 'bench_limited', doctors: 100, prescriptions: 10_000, fillsPerPrescription: 2 };
const RATE = 20;
const TARGET = 1.1;

/** Full sync of a 10,000-prescription pharmacy through the Postgres request budget at the sandbox's own rate. */
export async function rateLimited(ctx: BenchContext): Promise<TargetResult> {
  const apiKey = benchApiKey(2);
  const { baseUrl, counts } = await ctx.sandbox.addStore({ ...STORE, apiKey, seed: 20_240_202 });
  say(`store ${STORE.slug}: ${int(counts.doctors)} doctors, ${int(counts.prescriptions)} prescriptions, ${int(counts.fills)} fills; sandbox limit ${RATE}/s, pharmacy budget ${RATE}/s`);
  await ctx.sandbox.setFaults(STORE.slug, { rateLimitPerSecond: RATE });
  const handle = await ctx.server.freshDatabase('limited');
  await insertPharmacy(handle.pool, { id: 'bench_limited', baseUrl, requestsPerSecond: RATE, apiKey });
  const db = spannedDb(handle.pool);
  try {
    await ctx.sandbox.resetStats(STORE.slug);
    const run = await ctx.engine.sync({ db, pharmacyId: 'bench_limited', apiKey }, true);
    const stats = await ctx.sandbox.stats(STORE.slug);
    const floor = stats.requests / RATE;
    const r = run.seconds / floor;
    const pass = r <= TARGET;
    say(`rate-limited sync: ${secs(run.seconds)}, floor ${secs(floor)} (${int(stats.requests)} requests @ ${RATE}/s), ratio X/Y = ${ratio(r)} (target ≤ ${TARGET.toFixed(2)}) ${verdict(pass)}`);
    say(`  sandbox answered ${int(stats.rateLimited)} × 429; run status ${run.summary.status}; fetched ${int(run.summary.totals.fetched)} records`);
    printBreakdown(run);
    return {
      name: 'rate-limited sync vs floor',
      measured: `${ratio(r)} (${secs(run.seconds)} / ${secs(floor)})`,
      target: `≤ ${TARGET.toFixed(2)}`,
      pass,
      note: `${int(stats.rateLimited)} × 429`,
    };
  } finally {
    await db.close();
  }
}
