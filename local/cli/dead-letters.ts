/**
 * `npm run dead-letters -- list [--source drchrono] [--kind …] [--json]`,
 * `… replay <id>`, `… replay --source drchrono --kind X`, `… replay --all`,
 * `… replay --status unroutable --all` (a status alone is not a filter).
 */
import { Command } from 'commander';
import type { z } from 'zod';
import { AppError } from '../../shared/errors/app-error.js';
import { describeIssues } from '../../shared/http/describe-issues.js';
import { deadLetterFilterSchema, replayRequestSchema } from '../../shared/retry-queue/dead-letter-filter.js';
import { listDeadLetters, replayDeadLetters } from '../../shared/retry-queue/dead-letters.js';
import { openCliRuntime } from './cli-runtime.js';
import { EXIT, runCli } from './run-cli.js';

interface FilterOptions {
  source?: string;
  kind?: string;
  pharmacyId?: string;
  practiceId?: string;
  since?: string;
  status?: string;
}

function parsed<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const result = schema.safeParse(input);
  if (!result.success) throw new AppError('input', 'invalid_query', describeIssues(result.error.issues).join('; '));
  return result.data;
}

function withFilterOptions(cmd: Command): Command {
  return cmd
    .option('--source <source>', 'drx, drchrono or deepcura')
    .option('--kind <kind>', 'the event kind, e.g. drx.Sold')
    .option('--pharmacy-id <id>', 'one pharmacy')
    .option('--practice-id <id>', 'one practice')
    .option('--since <time>', 'dead-lettered at or after this ISO date (2026-01-01) or date-time with a zone')
    .option('--status <status>', 'dead (default) or unroutable (DrChrono deliveries no practice matched)');
}

const program = new Command('dead-letters').description('List and replay dead-lettered deliveries (DATABASE_URL, or the running `npm start`)');

withFilterOptions(program.command('list'))
  .option('--limit <n>', 'at most this many (default 100)')
  .option('--json', 'print JSON')
  .description('List dead letters, newest first (no bodies)')
  .action((opts: FilterOptions & { limit?: string; json?: boolean }) =>
    runCli(async () => {
      const { json, ...raw } = opts;
      const filter = parsed(deadLetterFilterSchema, raw);
      const rt = await openCliRuntime();
      try {
        const rows = await listDeadLetters(rt.db, filter);
        if (json) console.log(JSON.stringify(rows, null, 2));
        else if (rows.length === 0) console.log('no dead letters');
        else
          for (const r of rows)
            console.log(
              `${r.id}  ${r.source}  ${r.kind}  ${r.pharmacy_id ?? r.practice_id ?? '-'}  attempts ${r.attempts}  dead since ${r.processed_at?.toISOString() ?? '-'}  ${r.last_error ?? ''}`,
            );
        return EXIT.ok;
      } finally {
        await rt.close();
      }
    }),
  );

withFilterOptions(program.command('replay'))
  .argument('[ids...]', 'dead letter ids to replay')
  .option('--all', 'replay every dead letter, or every unroutable one with --status unroutable (required when no id or filter is given)')
  .description('Put dead letters back in the retry queue, due now, with a fresh backoff schedule')
  .action((ids: string[], opts: FilterOptions & { all?: boolean }) =>
    runCli(async () => {
      const request = parsed(replayRequestSchema, { ...opts, ...(ids.length > 0 ? { ids } : {}) });
      const rt = await openCliRuntime();
      try {
        const { replayed } = await replayDeadLetters(rt.db, request, rt.clock.now());
        console.log(`replayed ${replayed} dead letter${replayed === 1 ? '' : 's'}: the retry worker picks them up on its next pass`);
        return EXIT.ok;
      } finally {
        await rt.close();
      }
    }),
  );

await program.parseAsync();
