/** The environment rxbridge reads, validated once at start-up. */
import { z } from 'zod';
import { MAX_RETENTION_DAYS } from '../maintenance/retention-days.js';

const positiveInt = (def: number) => z.coerce.number().int().positive().default(def);
const flag = (def: boolean) =>
  z
    .enum(['true', 'false', '1', '0'])
    .default(def ? 'true' : 'false')
    .transform((v) => v === 'true' || v === '1');
const list = z
  .string()
  .default('')
  .transform((v) =>
    v
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean),
  );

export const envSchema = z.object({
  DATABASE_URL: z.string().regex(/^postgres(ql)?:\/\//, 'must be a postgres:// connection string'),
  DATABASE_POOL_MAX: positiveInt(5),
  DATABASE_CONNECT_TIMEOUT_MS: positiveInt(10_000),
  LOG_LEVEL: z.enum(['trace', 'debug', 'info', 'warn', 'error', 'fatal', 'silent']).default('info'),

  ADMIN_TOKEN: z.string().min(32, 'must be at least 32 characters').optional(),
  ADMIN_PRINCIPALS: list,
  ID_TOKEN_AUDIENCE: z.string().optional(),

  SECRETS_BACKEND: z.enum(['gcp', 'file']).default('file'),
  SECRETS_DIR: z.string().default('.data/secrets'),
  GCP_PROJECT_ID: z.string().optional(),
  PUBSUB_BACKEND: z.enum(['gcp', 'local', 'none']).default('none'),
  CHANGE_EVENTS_TOPIC: z.string().default('rxbridge-change-events'),
  PUBLIC_BASE_URL: z.url().optional(),

  DRX_BASE_URL: z.url().default('https://staging.drxapp.com/external_api/v1'),
  DRX_REQUESTS_PER_SECOND: z.coerce.number().min(0).default(1),
  DRX_PAGE_SIZE: z.coerce.number().int().min(1).max(100).default(100),
  DRX_REQUEST_TIMEOUT_MS: positiveInt(15_000),
  DRX_MAX_ATTEMPTS: positiveInt(6),
  DRX_MAX_RETRY_MS: positiveInt(120_000),
  DRX_PREFETCH_PAGES: positiveInt(2),
  DRX_CURSOR_OVERLAP_MINUTES: z.coerce.number().int().min(0).default(60),

  SYNC_INTERVAL_MINUTES: positiveInt(15),
  RECONCILE_INTERVAL_HOURS: positiveInt(24),
  RECONCILE_CRON: z.string().default('0 3 * * *'),
  SYNC_LEASE_SECONDS: positiveInt(300),
  LIVE_UPDATES_REPLAY_LIMIT: positiveInt(500),
  WEBHOOKS_ENABLED: flag(true),

  DRCHRONO_BASE_URL: z.url().default('https://app.drchrono.com'),
  DRCHRONO_REQUESTS_PER_HOUR: positiveInt(500),
  DRCHRONO_REQUEST_TIMEOUT_MS: positiveInt(20_000),
  DRCHRONO_SINCE_OVERLAP_HOURS: positiveInt(24),
  DRCHRONO_SYNC_INTERVAL_MINUTES: positiveInt(60),
  // Appointments have no bulk endpoint and refuse a list without a date filter: a backfill asks this far back.
  DRCHRONO_APPOINTMENTS_BACKFILL_DAYS: positiveInt(730),
  DRCHRONO_TOKEN_REFRESH_MARGIN_SECONDS: positiveInt(600),
  DEEPCURA_KEY_DERIVATION: z.enum(['scrypt', 'sha256', 'raw-hex', 'raw-base64']).default('scrypt'),
  DEEPCURA_SCRYPT_SALT: z.string().default('salt'),
  DEEPCURA_IV: z.enum(['prefix', 'zero']).default('prefix'),
  DEEPCURA_ENCODING: z.enum(['base64', 'hex']).default('base64'),
  // Bounded like POST /maintenance-cleanup's retentionDays: a typo here would fail every scheduled run.
  RETENTION_DAYS_RAW_WEBHOOKS: z.coerce.number().int().positive().max(MAX_RETENTION_DAYS).default(30),
  RETRY_WORKER_BATCH: positiveInt(50),
});

export type EnvInput = z.input<typeof envSchema>;
export type Config = z.output<typeof envSchema>;
