/** `npm run cleanup -- [--retention-days <n>] [--json]`: the retention run maintenance-cleanup does on a schedule. */
import { Command, InvalidArgumentError } from 'commander';
import { runCleanup } from '../../shared/maintenance/cleanup.js';
import { isRetentionDays, MAX_RETENTION_DAYS, MIN_RETENTION_DAYS } from '../../shared/maintenance/retention-days.js';
import { openCliRuntime } from './cli-runtime.js';
import { EXIT, runCli } from './run-cli.js';

function days(value: string): number {
  const n = Number(value);
  if (!isRetentionDays(n)) {
    throw new InvalidArgumentError(`expected a whole number of days, ${MIN_RETENTION_DAYS} to ${MAX_RETENTION_DAYS}`);
  }
  return n;
}

const program = new Command('cleanup')
  .description('Clear raw bodies and payloads of finished deliveries past retention; delete old published outbox rows')
  .option('--retention-days <n>', 'override RETENTION_DAYS_RAW_WEBHOOKS', days)
  .option('--json', 'print the report as JSON')
  .action((opts: { retentionDays?: number; json?: boolean }) =>
    runCli(async () => {
      const rt = await openCliRuntime();
      try {
        const retentionDays = opts.retentionDays ?? rt.config.RETENTION_DAYS_RAW_WEBHOOKS;
        const report = await runCleanup(rt.db, { now: rt.clock.now(), retentionDays, log: rt.log });
        if (opts.json) console.log(JSON.stringify(report, null, 2));
        else {
          console.log(
            `cleanup (retention ${retentionDays} days): ${report.rawBodiesCleared} raw bodies and ${report.payloadsCleared} payloads cleared, ` +
              `${report.outboxDeleted} published outbox rows deleted (run ${report.runId})` +
              (report.complete ? '' : '; stopped at the time budget with work left: run it again'),
          );
        }
        return report.complete ? EXIT.ok : EXIT.partial;
      } finally {
        await rt.close();
      }
    }),
  );

await program.parseAsync();
