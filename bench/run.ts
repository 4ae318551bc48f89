// `npm run bench`: the Speed section of issue 2. Prints figures beside
// baselines measured in the same run and PASS/MISS per target. A missed target
// still exits 0; only a crashed run exits non-zero.
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

const WHOLE_RUN_LIMIT_S = 300;

function failed(name: string, target: string, err: unknown): TargetResult {
  say(`!! ${name} crashed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
  return { name, measured: 'crashed', target, pass: null };
}

async function main(): Promise<boolean> {
  const started = performance.now();
  const prefetch = Number(process.env.BENCH_PREFETCH ?? 4);
  let server: BenchServer | undefined;
  let sandbox: SandboxProcess | undefined;
  const targets: TargetResult[] = [];
  let crashed = false;
  try {
    [server, sandbox] = await Promise.all([startBenchServer(), startSandboxProcess()]);
    say(`rxbridge bench — node ${process.version}, ${server.label}, sandbox in a child process at ${sandbox.url}, prefetchPages ${prefetch}`);
    const ctx: BenchContext = { server, sandbox, engine: createBenchEngine({ prefetchPages: prefetch }) };

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
  } finally {
    await sandbox?.close().catch(() => undefined);
    await server?.stop().catch(() => undefined);
  }
  const total = (performance.now() - started) / 1000;
  targets.push({ name: 'whole benchmark', measured: secs(total), target: `< ${WHOLE_RUN_LIMIT_S} s`, pass: total < WHOLE_RUN_LIMIT_S });
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
