/** Scenario 2: a full re-sync after 5% of the store changed: it must write only what changed, in under half the time. */
import { int, ratio, say, secs, verdict } from '../report.js';
import type { TargetResult } from '../report.js';
import { printBreakdown } from './breakdown.js';
import type { BenchContext } from './context.js';
import type { FirstSyncResult } from './first-sync.js';
import { BIG_STORE } from './first-sync.js';

const FRACTION = 0.05;
const TIME_TARGET = 0.5;

/** Returns two targets: rows written == rows changed, and time < half the first sync's. */
export async function resync(ctx: BenchContext, first: FirstSyncResult): Promise<TargetResult[]> {
  const changed = await ctx.sandbox.change(BIG_STORE.slug, FRACTION);
  // Edited fills also change their prescription's nested fill list (and updated_at).
  const expected = changed.prescriptionsTouched + changed.fills;
  say(`sandbox changed ${int(changed.prescriptions)} prescriptions and ${int(changed.fills)} fills (${FRACTION * 100}%); prescriptions touched incl. by fill edits: ${int(changed.prescriptionsTouched)} → ${int(expected)} rows should be written`);
  first.target.db.reset();
  await ctx.sandbox.resetStats(BIG_STORE.slug);
  const run = await ctx.engine.sync(first.target, true);
  const t = run.summary.totals;
  const written = t.created + t.updated;
  const timeRatio = run.seconds / first.run.seconds;
  const wroteOnlyChanged = written === expected;
  const fast = timeRatio < TIME_TARGET;
  say(`re-sync: wrote ${int(written)} rows (created ${int(t.created)}, updated ${int(t.updated)}, unchanged ${int(t.unchanged)}) vs ${int(expected)} changed ${verdict(wroteOnlyChanged)}`);
  for (const [stream, s] of Object.entries(run.summary.streams)) {
    say(`  ${stream}: fetched ${int(s.fetched)}, created ${int(s.created)}, updated ${int(s.updated)}, unchanged ${int(s.unchanged)}, invalid ${int(s.invalid)}, failed ${int(s.failed)}`);
  }
  say(`re-sync: ${secs(run.seconds)} vs first sync ${secs(first.run.seconds)} | ratio to first sync time = ${ratio(timeRatio)} (target < ${TIME_TARGET.toFixed(2)}) ${verdict(fast)}`);
  const stats = await ctx.sandbox.stats(BIG_STORE.slug);
  say(`  run status ${run.summary.status}; sandbox answered ${int(stats.requests)} requests`);
  printBreakdown(run);
  return [
    { name: 're-sync writes only changed rows', measured: `${int(written)} written / ${int(expected)} changed`, target: 'equal', pass: wroteOnlyChanged },
    { name: 're-sync time vs first sync', measured: `${ratio(timeRatio)} (${secs(run.seconds)})`, target: `< ${TIME_TARGET.toFixed(2)}`, pass: fast },
  ];
}
