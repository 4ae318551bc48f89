/** `npm run pharmacy -- add <id> --name <name> …` and `npm run pharmacy -- list`. */
import { Command, InvalidArgumentError } from 'commander';
import { addPharmacy, onboardingDeps, resolveApiKey, apiKeyEnvName } from '../../shared/pharmacies/index.js';
import { AppError } from '../../shared/errors/app-error.js';
import { openCliRuntime } from './cli-runtime.js';
import { listPharmacies } from './list-pharmacies.js';
import { readPipedStdin } from './read-stdin.js';
import { EXIT, runCli } from './run-cli.js';

interface AddOptions {
  name: string;
  drxBaseUrl?: string;
  apiKey?: string;
  requestsPerSecond?: number;
  stdin?: boolean;
  json?: boolean;
}

function positiveNumber(value: string): number {
  const n = Number(value);
  if (!Number.isFinite(n) || n < 0) throw new InvalidArgumentError('must be a number ≥ 0');
  return n;
}

// Kept so an unexpected error message can be scrubbed of the key before it is printed.
const knownSecrets: string[] = [];

const program = new Command('pharmacy').description('Add or list pharmacies (DATABASE_URL, or the running `npm start`)');

program
  .command('add')
  .argument('<id>', 'pharmacy id, e.g. ph_main_street')
  .requiredOption('--name <name>', 'display name')
  .option('--drx-base-url <url>', "the pharmacy's DRX External API base URL")
  .option('--api-key <key>', 'DRX API key (prefer --stdin or DRX_API_KEY_<ID>: flags show up in shell history)')
  .option('--requests-per-second <n>', "the pharmacy's DRX request budget", positiveNumber)
  .option('--stdin', 'read the DRX API key from stdin')
  .option('--json', 'print the result as JSON')
  .description('Add (or update) a pharmacy: checks the key with DRX, stores it in the secret store, registers webhooks')
  .action((id: string, opts: AddOptions) =>
    runCli(async () => {
      const stdin = opts.apiKey ? undefined : await readPipedStdin(opts.stdin === true);
      const resolved = resolveApiKey(id, { flag: opts.apiKey, stdin, env: process.env });
      if (!resolved) {
        throw new AppError('input', 'invalid_body', `no DRX API key: pass --api-key, pipe it with --stdin, or set ${apiKeyEnvName(id)}`);
      }
      knownSecrets.push(resolved.key);
      const rt = await openCliRuntime();
      try {
        const result = await addPharmacy(onboardingDeps(rt), {
          id,
          name: opts.name,
          drxBaseUrl: opts.drxBaseUrl,
          apiKey: resolved.key,
          requestsPerSecond: opts.requestsPerSecond,
        });
        if (opts.json) console.log(JSON.stringify(result, null, 2));
        else {
          console.log(`${result.created ? 'added' : 'updated'} ${result.pharmacyId}: DRX key ${result.keyHint} (from ${resolved.from}) stored in the secret store`);
          const hooks = result.webhooks;
          console.log(hooks.registered > 0 ? `webhooks: ${hooks.registered} registered` : `webhooks: none registered (${hooks.skipped ?? 'skipped'})`);
          if (hooks.registered > 0 && hooks.skipped) console.log(`webhooks: ${hooks.skipped}`);
        }
        return EXIT.ok;
      } finally {
        await rt.close();
      }
    }, () => knownSecrets),
  );

program
  .command('list')
  .option('--json', 'print JSON')
  .description('List pharmacies with their DRX integration (the key is shown as ****abcd)')
  .action((opts: { json?: boolean }) =>
    runCli(async () => {
      const rt = await openCliRuntime();
      try {
        const rows = await listPharmacies(rt.db);
        if (opts.json) console.log(JSON.stringify(rows, null, 2));
        else if (rows.length === 0) console.log('no pharmacies yet: npm run pharmacy -- add <id> --name <name> --stdin');
        else
          for (const r of rows)
            console.log(
              `${r.id}  ${r.name}  ${r.enabled ? 'enabled' : 'disabled'}  key ${r.keyHint ?? '-'}  ${r.requestsPerSecond ?? '-'} req/s  ${r.baseUrl ?? '(no DRX integration)'}  last good sync ${r.lastSuccessAt ?? 'never'}`,
            );
        return EXIT.ok;
      } finally {
        await rt.close();
      }
    }),
  );

await program.parseAsync();
