/** The Runtime a CLI works with: config validated once, structured logs on stderr so stdout stays for results. */
import { loadConfig } from '../../shared/config/load-config.js';
import { createLogger } from '../../shared/log/logger.js';
import { createRuntime } from '../../shared/runtime/create-runtime.js';
import type { Runtime } from '../../shared/runtime/runtime.js';
import { cliEnv } from './cli-env.js';

/** Builds the Runtime from the environment (or a running `npm start`); close it when done. */
export async function openCliRuntime(env: Record<string, string | undefined> = process.env): Promise<Runtime> {
  const resolved = await cliEnv(env);
  resolved.LOG_LEVEL ||= 'warn';
  const config = loadConfig(resolved);
  const log = createLogger({ level: config.LOG_LEVEL, destination: process.stderr, base: { service: 'rxbridge-cli' } });
  return createRuntime(config, { log });
}
