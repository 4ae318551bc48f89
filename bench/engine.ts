/** Wires the real sync engine (shared/sync syncPharmacy over shared/drx) for the benchmark, timing each run. */
import { randomUUID } from 'node:crypto';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { createDrxHttpClient, createDrxPageSource, createPostgresRequestBudget, unlimitedBudget } from '../shared/drx/index.js';
import { silentLogger } from '../shared/log/logger.js';
import { syncPharmacy } from '../shared/sync/index.js';
import type { DrxIntegrationInfo, PageSource, SyncDeps } from '../shared/sync/index.js';
import { systemClock } from '../shared/time/clock.js';
import type { BenchEngine, EngineRun, SyncTarget } from './engine-port.js';
import { timedSource } from './timed-source.js';
import type { TimedSource } from './timed-source.js';

// The production defaults (shared/config/env-schema.ts) for everything the benchmark does not vary.
const TIMEOUT_MS = 15_000;
const MAX_ATTEMPTS = 6;
const MAX_RETRY_MS = 120_000;
const LAG_RESOLUTION_MS = 10;

/** The engine as the scenarios see it; `prefetchPages` comes from BENCH_PREFETCH. */
export function createBenchEngine(opts: { prefetchPages: number }): BenchEngine {
  return {
    async sync(target: SyncTarget, full: boolean): Promise<EngineRun> {
      let timed: TimedSource | undefined;
      // The key comes from the target instead of a secret store: the bench has no secrets to protect.
      const openSource = (integration: DrxIntegrationInfo): Promise<PageSource> => {
        const budget =
          integration.requestsPerSecond > 0
            ? createPostgresRequestBudget(target.db.db, `drx:${integration.pharmacyId}`, integration.requestsPerSecond, systemClock)
            : unlimitedBudget;
        const client = createDrxHttpClient({
          baseUrl: integration.baseUrl,
          apiKey: target.apiKey,
          clock: systemClock,
          budget,
          log: silentLogger,
          timeoutMs: TIMEOUT_MS,
          maxAttempts: MAX_ATTEMPTS,
          maxRetryMs: MAX_RETRY_MS,
        });
        timed = timedSource(createDrxPageSource(client));
        return Promise.resolve(timed.source);
      };
      const deps: SyncDeps = {
        db: target.db.db,
        log: silentLogger,
        clock: systemClock,
        openSource,
        holderId: `bench-${randomUUID()}`,
        settings: { pageSize: 100, cursorOverlapMinutes: 60, leaseSeconds: 300, prefetchPages: opts.prefetchPages },
      };
      const streamStart = new Map<string, number>();
      const streamEnd = new Map<string, number>();
      target.db.reset();
      const lag = monitorEventLoopDelay({ resolution: LAG_RESOLUTION_MS });
      lag.enable();
      const cpu0 = process.cpuUsage();
      const t0 = performance.now();
      const summary = await syncPharmacy(deps, {
        pharmacyId: target.pharmacyId,
        kind: 'manual',
        full,
        onProgress: (p) => {
          const now = performance.now();
          if (!streamStart.has(p.stream)) streamStart.set(p.stream, [...streamEnd.values()].reduce((a, b) => Math.max(a, b), t0));
          streamEnd.set(p.stream, now);
        },
      });
      const seconds = (performance.now() - t0) / 1000;
      const cpu = process.cpuUsage(cpu0);
      lag.disable();
      const streamSeconds: Record<string, number> = {};
      for (const [s, end] of streamEnd) streamSeconds[s] = (end - (streamStart.get(s) ?? t0)) / 1000;
      return {
        summary,
        seconds,
        queries: target.db.spans(),
        fetches: timed?.spans() ?? [],
        streamSeconds,
        cpuSeconds: (cpu.user + cpu.system) / 1e6,
        // The histogram counts the sampling interval itself; what is left is the delay.
        loopLagMs: {
          mean: Math.max(0, lag.mean / 1e6 - LAG_RESOLUTION_MS),
          p99: Math.max(0, lag.percentile(99) / 1e6 - LAG_RESOLUTION_MS),
        },
      };
    },
  };
}
