/** `npm run sync -- <pharmacyId> [--full] [--json]`: a manual sync with a progress line per page. */
import { Command } from 'commander';
import { createSyncDeps } from '../../shared/runtime/sync-deps.js';
import { syncPharmacy } from '../../shared/sync/sync-pharmacy.js';
import { openCliRuntime } from './cli-runtime.js';
import { createProgressFormatter, exitCodeFor } from './progress-line.js';
import { runCli } from './run-cli.js';

const program = new Command('sync')
  .argument('<pharmacyId>', 'the pharmacy to sync')
  .option('--full', 'ignore cursors: a complete re-sync')
  .option('--json', 'also print the summary as JSON')
  .description('Sync one pharmacy from DRX now. Exit code: 0 succeeded, 2 partial, 1 failed')
  .action((pharmacyId: string, opts: { full?: boolean; json?: boolean }) =>
    runCli(async () => {
      const rt = await openCliRuntime();
      const progressLine = createProgressFormatter();
      try {
        const summary = await syncPharmacy(createSyncDeps(rt), {
          pharmacyId,
          kind: 'manual',
          full: opts.full === true,
          onProgress: (p) => console.log(progressLine(p)),
        });
        console.log(summary.message);
        if (summary.status !== 'succeeded') {
          for (const [stream, r] of Object.entries(summary.streams))
            if (r.status === 'failed') console.log(`${stream}: failed: ${r.error ?? r.errorCode ?? 'unknown error'}`);
        }
        if (opts.json) console.log(JSON.stringify(summary, null, 2));
        return exitCodeFor(summary.status);
      } finally {
        await rt.close();
      }
    }),
  );

await program.parseAsync();
