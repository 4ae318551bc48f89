/** Prints where a sync run's time went: per stream wall time, page arrival time, database time by statement. */
import type { EngineRun } from '../engine-port.js';
import { int, say, secs } from '../report.js';

const TOP = 12;

/** Indented breakdown lines under a scenario's headline. */
export function printBreakdown(run: EngineRun): void {
  say(`  engine process: ${secs(run.cpuSeconds)} CPU (${Math.round((run.cpuSeconds / run.seconds) * 100)}% of one core), event-loop delay mean ${run.loopLagMs.mean.toFixed(1)} ms, p99 ${run.loopLagMs.p99.toFixed(1)} ms`);
  const streams = Object.entries(run.streamSeconds).map(([s, t]) => `${s} ${secs(t)}`);
  if (streams.length > 0) say(`  streams (wall): ${streams.join(', ')}`);
  const fetches = run.fetches.map((f) => `${f.stream} ${int(f.pages)} pages ${secs(f.ms / 1000)}`);
  if (fetches.length > 0) say(`  page arrival (summed, overlaps writes when prefetching): ${fetches.join(', ')}`);
  const dbMs = run.queries.reduce((a, q) => a + q.ms, 0);
  say(`  database time (includes event-loop delay): ${secs(dbMs / 1000)} in ${int(run.queries.reduce((a, q) => a + q.count, 0))} statements`);
  for (const q of run.queries.slice(0, TOP)) {
    const share = dbMs > 0 ? Math.round((q.ms / dbMs) * 100) : 0;
    say(`    ${q.label.padEnd(36)} ${String(q.count).padStart(7)}×  ${secs(q.ms / 1000).padStart(9)}  ${String(share).padStart(3)}%`);
  }
}
