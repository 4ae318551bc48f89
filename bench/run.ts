// `npm run bench`: the Speed sections of issues 2 (DRX sync) and 3 (DrChrono
// webhook ingest). Prints figures beside baselines measured in the same run and
// PASS/MISS per target. A missed target still exits 0; only a crashed run exits non-zero.
// BENCH_ONLY=drx or BENCH_ONLY=webhook runs just that group (comma-separate both, or
// leave unset for all); the whole-run time target is only judged on a full run.
import { startBenchServer } from './bench-db.js';
import type { BenchServer } from './bench-db.js';
import { createBenchEngine } from './engine.js';
import { heading, printTargets, say, secs } from './report.js';
import type { TargetResult } from './report.js';
import { startSandboxProcess } from './sandbox-client.js';
import type { SandboxProcess } from './sandbox-client.js';
import type { BenchContext } from './scenarios/context.js';
import { firstSync } from './scenarios/first-sync.js';
import type { FirstSyncResult } from './scenarios/first-sync.js';
import { rateLimited } from './scenarios/rate-limited.js';
import { resync } from './scenarios/resync.js';
import { runWebhookIngestInOwnProcess } from './webhook-client.js';

const WHOLE_RUN_LIMIT_S = 300;
const GROUPS = ['drx', 'webhook'] as const;
const only = (process.env.BENCH_ONLY ?? '').split(',').map((s) => s.trim()).filter(Boolean);
const unknownGroup = only.find((g) => !(GROUPS as readonly string[]).includes(g));
if (unknownGroup) throw new Error(`BENCH_ONLY: unknown group ${unknownGroup} (use ${GROUPS.join(', ')})`);
const runs = (group: (typeof GROUPS)[number]) => only.length === 0 || only.includes(group);

function failed(name: string, target: string, err: unknown): TargetResult {
  say(`!! ${name} crashed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
  return { name, measured: 'crashed', target, pass: null };
}

/** Scenarios 1–3 (issue 2), unchanged; returns true when one crashed. */
async function drxScenarios(ctx: BenchContext, targets: TargetResult[]): Promise<boolean> {
  let crashed = false;
  heading('1. first full sync, rate limit off');
  let first: FirstSyncResult | undefined;
  try {
    first = await firstSync(ctx);
    targets.push(first.result);
  } catch (err) {
    crashed = true;
    targets.push(failed('first sync vs bare upsert', '≥ 0.50', err));
  }

  heading('2. full re-sync after 5% changed');
  if (first) {
    try {
      targets.push(...(await resync(ctx, first)));
    } catch (err) {
      crashed = true;
      targets.push(failed('re-sync', 'written = changed, time < 0.50', err));
    }
    await first.close();
  } else {
    say('skipped: needs the first sync');
    targets.push({ name: 're-sync', measured: 'skipped', target: 'written = changed, time < 0.50', pass: null });
  }

  heading('3. rate-limited sync (20 requests/s)');
  try {
    targets.push(await rateLimited(ctx));
  } catch (err) {
    crashed = true;
    targets.push(failed('rate-limited sync vs floor', '≤ 1.10', err));
  }
  return crashed;
}

async function main(): Promise<boolean> {
  const started = performance.now();
  const prefetch = Number(process.env.BENCH_PREFETCH ?? 4);
  let server: BenchServer | undefined;
  let sandbox: SandboxProcess | undefined;
  const targets: TargetResult[] = [];
  let crashed = false;
  try {
    [server, sandbox] = await Promise.all([startBenchServer(), runs('drx') ? startSandboxProcess() : undefined]);
    say(`rxbridge bench — node ${process.version}, ${server.label}, ${sandbox ? `sandbox in a child process at ${sandbox.url}` : 'no DRX sandbox'}, prefetchPages ${prefetch}${only.length ? `, BENCH_ONLY=${only.join(',')}` : ''}`);
    if (sandbox) crashed = (await drxScenarios({ server, sandbox, engine: createBenchEngine({ prefetchPages: prefetch }) }, targets)) || crashed;

    if (runs('webhook')) {
      heading('4. DrChrono webhook ingest (50 connections × 15 s)');
      try {
        // The DRX scenarios' 100k-row databases would otherwise be vacuumed during the first (our) load run only.
        await server.dropDatabases();
        await server.settle();
        targets.push(...(await runWebhookIngestInOwnProcess(server.adminUrl)));
      } catch (err) {
        crashed = true;
        targets.push(failed('webhook ingest', '≥ 0.50, p99 < 50 ms, none lost', err));
      }
    }
  } finally {
    await sandbox?.close().catch(() => undefined);
    await server?.stop().catch(() => undefined);
  }
  const total = (performance.now() - started) / 1000;
  targets.push({ name: 'whole benchmark', measured: secs(total), target: `< ${WHOLE_RUN_LIMIT_S} s`, pass: only.length === 0 ? total < WHOLE_RUN_LIMIT_S : null, note: only.length ? 'partial run' : undefined });
  printTargets(targets);
  if (crashed) say('!! at least one scenario crashed: see the messages above');
  return !crashed;
}

main().then(
  (ok) => process.exit(ok ? 0 : 1),
  (err: unknown) => {
    say(`!! benchmark crashed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
    process.exit(1);
  },
);
