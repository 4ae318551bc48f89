/** `npm run migrate`: applies the migrations in sql/ to DATABASE_URL. */
import { Command } from 'commander';
import { loadConfig } from '../../shared/config/load-config.js';
import pg from 'pg';
import { migrate } from '../../shared/db/migrate.js';
import { cliEnv } from './cli-env.js';
import { EXIT, runCli } from './run-cli.js';

const program = new Command('migrate')
  .description('Apply pending migrations from sql/ to DATABASE_URL (or the running `npm start` database)')
  .action(() =>
    runCli(async () => {
      const config = loadConfig(await cliEnv());
      // A bare pool: Kysely's destroy() only ends a pool it has used itself.
      const pool = new pg.Pool({ connectionString: config.DATABASE_URL, max: 1, application_name: 'rxbridge-migrate' });
      try {
        const result = await migrate(pool);
        for (const name of result.applied) console.log(`applied  ${name}`);
        for (const name of result.skipped) console.log(`skipped  ${name} (already applied)`);
        console.log(`${result.applied.length} applied, ${result.skipped.length} already applied`);
        return EXIT.ok;
      } finally {
        await pool.end();
      }
    }),
  );

await program.parseAsync();
