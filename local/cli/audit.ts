/** `npm run audit -- verify [--from <id>] [--json]`: checks the change_log hash chain. Exit 0 intact, 1 broken or error. */
import { Command, InvalidArgumentError } from 'commander';
import { verifyChangeLog } from '../../shared/audit/verify-change-log.js';
import { openCliRuntime } from './cli-runtime.js';
import { EXIT, runCli } from './run-cli.js';

// change_log.id is a bigint: a larger number would reach PostgreSQL as an 'out of range' error.
const MAX_BIGINT = 9_223_372_036_854_775_807n;

function changeLogId(value: string): string {
  if (!/^[1-9]\d{0,18}$/.test(value) || BigInt(value) > MAX_BIGINT) {
    throw new InvalidArgumentError('expected a change_log id (a positive whole number up to 9223372036854775807)');
  }
  return value;
}

const program = new Command('audit').description('The EHR audit trail (change_log).');

program
  .command('verify')
  .description('Recompute every link of the change_log hash chain and name the first broken one')
  .option('--from <id>', 'start at this change_log id (its predecessor is trusted)', changeLogId)
  .option('--json', 'print the result as JSON')
  .action((opts: { from?: string; json?: boolean }) =>
    runCli(async () => {
      const rt = await openCliRuntime();
      try {
        const result = await verifyChangeLog(rt.db, opts.from === undefined ? {} : { fromId: opts.from });
        if (opts.json) console.log(JSON.stringify(result, null, 2));
        else if (result.ok) console.log(`change_log intact: ${result.checked} rows checked`);
        else console.log(`change_log BROKEN at id ${result.firstBrokenId}: ${result.reason} (${result.checked} rows intact before it)`);
        return result.ok ? EXIT.ok : EXIT.failed;
      } finally {
        await rt.close();
      }
    }),
  );

await program.parseAsync();
