/**
 * `npm run drchrono -- connect <practiceId> …` connects a DrChrono practice;
 * `npm run drchrono -- sync <practiceId> [--full]` reconciles it now.
 */
import { Command, InvalidArgumentError } from 'commander';
import { AppError } from '../../shared/errors/app-error.js';
import { createEhrSyncDeps, syncPractice, type EhrProgress } from '../../shared/ehr-sync/index.js';
import { connectPractice } from '../../shared/practices/connect-practice.js';
import { openCliRuntime } from './cli-runtime.js';
import { exitCodeFor } from './progress-line.js';
import { EXIT, runCli } from './run-cli.js';

interface ConnectOptions {
  name: string;
  clientId: string;
  clientSecret?: string;
  code?: string;
  refreshToken?: string;
  redirectUri?: string;
  baseUrl?: string;
  requestsPerHour?: number;
  json?: boolean;
}

function positiveInt(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new InvalidArgumentError('must be a whole number ≥ 1');
  return n;
}

// Kept so an unexpected error message can be scrubbed of them before it is printed.
const knownSecrets: string[] = [];

const program = new Command('drchrono').description('Connect and sync DrChrono practices (DATABASE_URL, or the running `npm start`)');

program
  .command('connect')
  .argument('<practiceId>', 'practice id, e.g. pr_oak_clinic')
  .requiredOption('--name <name>', 'display name')
  .requiredOption('--client-id <id>', "the DrChrono API application's client id")
  .option('--client-secret <secret>', 'client secret (prefer env DRCHRONO_CLIENT_SECRET: flags show up in shell history)')
  .option('--code <code>', 'authorization code from the OAuth consent redirect (single-use)')
  .option('--refresh-token <token>', 'an existing refresh token instead of a code')
  .option('--redirect-uri <uri>', 'the redirect URI the code was issued for')
  .option('--base-url <url>', 'DrChrono base URL (default DRCHRONO_BASE_URL)')
  .option('--requests-per-hour <n>', "the practice's hourly request budget", positiveInt)
  .option('--json', 'print the result as JSON')
  .description('Exchange the code (or refresh token), keep the tokens in the secret store, and route the practice’s doctors and offices')
  .action((practiceId: string, opts: ConnectOptions) =>
    runCli(async () => {
      const clientSecret = opts.clientSecret ?? process.env.DRCHRONO_CLIENT_SECRET;
      if (!clientSecret) throw new AppError('input', 'invalid_body', 'no client secret: set DRCHRONO_CLIENT_SECRET or pass --client-secret');
      if ((opts.code === undefined) === (opts.refreshToken === undefined)) {
        throw new AppError('input', 'invalid_body', 'give exactly one of --code or --refresh-token');
      }
      knownSecrets.push(clientSecret, ...[opts.code, opts.refreshToken].filter((s): s is string => s !== undefined));
      const rt = await openCliRuntime();
      try {
        const result = await connectPractice(rt, {
          practiceId,
          name: opts.name,
          clientId: opts.clientId,
          clientSecret,
          code: opts.code,
          refreshToken: opts.refreshToken,
          redirectUri: opts.redirectUri,
          baseUrl: opts.baseUrl,
          requestsPerHour: opts.requestsPerHour,
        });
        if (opts.json) console.log(JSON.stringify(result, null, 2));
        else
          console.log(
            `${result.created ? 'connected' : 'reconnected'} ${result.practiceId} (DrChrono user ${result.user.id}): ${result.doctors} doctors and ${result.offices} offices routed; tokens kept in the secret store`,
          );
        return EXIT.ok;
      } finally {
        await rt.close();
      }
    }, () => knownSecrets),
  );

function progress(p: EhrProgress): string {
  const c = p.counts;
  const extra = [c.deleted > 0 ? `${c.deleted} deleted` : '', c.invalid > 0 ? `${c.invalid} invalid` : '', c.failed > 0 ? `${c.failed} failed` : '']
    .filter(Boolean)
    .join(', ');
  return `${p.stream} ${p.page}: ${c.fetched} fetched, ${c.created} new, ${c.updated} updated, ${c.unchanged} unchanged${extra ? `, ${extra}` : ''}`;
}

program
  .command('sync')
  .argument('<practiceId>', 'the practice to sync')
  .option('--full', 'ignore cursors: bulk backfill again')
  .option('--json', 'also print the summary as JSON')
  .description('Sync one practice from DrChrono now. Exit code: 0 succeeded, 2 partial, 1 failed')
  .action((practiceId: string, opts: { full?: boolean; json?: boolean }) =>
    runCli(async () => {
      const rt = await openCliRuntime();
      try {
        const summary = await syncPractice(createEhrSyncDeps(rt), {
          practiceId,
          kind: 'manual',
          full: opts.full === true,
          onProgress: (p) => console.log(progress(p)),
        });
        console.log(summary.message);
        for (const [stream, r] of Object.entries(summary.streams))
          if (r.status === 'failed') console.log(`${stream}: failed: ${r.error ?? r.errorCode ?? 'unknown error'}`);
        if (opts.json) console.log(JSON.stringify(summary, null, 2));
        return exitCodeFor(summary.status);
      } finally {
        await rt.close();
      }
    }),
  );

await program.parseAsync();
