import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import { startDrxSandbox, type DrxSandbox } from '../../local/drx-sandbox/index.js';
import { DRX_WEBHOOK_EVENTS } from '../drx/webhook-events.js';
import { AppError } from '../errors/app-error.js';
import { createTestRuntime, type TestRuntime } from '../runtime/test-runtime.testkit.js';
import { uniquePharmacyId } from '../../test/support/test-db.js';
import type { Db } from '../db/create-db.js';
import { addPharmacy } from './add-pharmacy.js';
import { onboardingDeps } from './onboarding-deps.js';

const newKey = () => `DRX${randomBytes(16).toString('hex')}`;

let sandbox: DrxSandbox;
let plain: TestRuntime;
let withWebhooks: TestRuntime;

beforeAll(async () => {
  sandbox = await startDrxSandbox({ port: 0 });
  plain = await createTestRuntime();
  withWebhooks = await createTestRuntime({ PUBLIC_BASE_URL: 'http://127.0.0.1:9/' });
});

afterAll(async () => {
  await plain.close();
  await withWebhooks.close();
  await sandbox.close();
});

function addStore(): { slug: string; apiKey: string; baseUrl: string } {
  const slug = uniquePharmacyId();
  const apiKey = newKey();
  sandbox.addStore({ slug, apiKey, seed: 1, doctors: 1, prescriptions: 0 });
  return { slug, apiKey, baseUrl: sandbox.baseUrlFor(slug) };
}

/** Every table row, as text, that contains `needle`. */
async function rowsContaining(db: Db, needle: string): Promise<string[]> {
  const tables = await sql<{ table_name: string }>`
    select table_name from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE'`.execute(db);
  const hits: string[] = [];
  for (const { table_name } of tables.rows) {
    const found = await sql<{ row: string }>`
      select t::text as row from ${sql.table(table_name)} t where t::text like ${`%${needle}%`}`.execute(db);
    hits.push(...found.rows.map((r) => `${table_name}: ${r.row}`));
  }
  return hits;
}

describe('addPharmacy', () => {
  it('stores a good key only in the secret store and answers with a masked hint', async () => {
    const store = addStore();
    const result = await addPharmacy(onboardingDeps(plain.rt), { id: store.slug, name: 'Main St', drxBaseUrl: store.baseUrl, apiKey: store.apiKey });

    expect(result).toEqual({
      pharmacyId: store.slug,
      created: true,
      keyHint: `****${store.apiKey.slice(-4)}`,
      webhooks: { registered: 0, skipped: 'PUBLIC_BASE_URL is not set' },
    });
    expect(await readFile(join(plain.secretsDir, `drx-api-key-${store.slug}`), 'utf8')).toBe(store.apiKey);
    const integration = await plain.rt.db.selectFrom('pharmacy_integrations').selectAll().where('pharmacy_id', '=', store.slug).executeTakeFirstOrThrow();
    expect(integration).toMatchObject({ secret_ref: `drx-api-key-${store.slug}`, key_last4: store.apiKey.slice(-4), base_url: store.baseUrl, status: 'active' });
    expect(integration.last_heartbeat_at).toBeInstanceOf(Date);
    expect(await rowsContaining(plain.rt.db, store.apiKey)).toEqual([]);
    expect(JSON.stringify(result)).not.toContain(store.apiKey);
  });

  it('refuses a key DRX rejects, with a clear message, and stores nothing', async () => {
    const store = addStore();
    const err = await addPharmacy(onboardingDeps(plain.rt), { id: store.slug, name: 'X', drxBaseUrl: store.baseUrl, apiKey: newKey() }).catch(
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(AppError);
    expect((err as AppError).code).toBe('invalid_drx_key');
    expect((err as AppError).status).toBe(400);
    expect((err as AppError).message).toMatch(/^DRX refused the key \(401\)/);
    expect(await plain.rt.db.selectFrom('pharmacies').select('id').where('id', '=', store.slug).execute()).toEqual([]);
    expect((await readdir(plain.secretsDir)).filter((f) => f.includes(store.slug))).toEqual([]);
  });

  it('refuses a malformed key before calling DRX', async () => {
    const store = addStore();
    const err = await addPharmacy(onboardingDeps(plain.rt), { id: store.slug, name: 'X', drxBaseUrl: store.baseUrl, apiKey: 'DRX123' }).catch(
      (e: unknown) => e,
    );
    expect((err as AppError).code).toBe('invalid_body');
    expect((err as AppError).message).toBe("apiKey: must be 'DRX' followed by 32 hex characters");
    expect(sandbox.store(store.slug).stats().requests).toBe(0);
  });

  it('updates the pharmacy when it is added again, keeping what was not given', async () => {
    const store = addStore();
    const deps = onboardingDeps(plain.rt);
    await addPharmacy(deps, { id: store.slug, name: 'Old', drxBaseUrl: store.baseUrl, apiKey: store.apiKey, syncIntervalMinutes: 30, requestsPerSecond: 2 });
    const again = await addPharmacy(deps, { id: store.slug, name: 'New', apiKey: store.apiKey });

    expect(again.created).toBe(false);
    const row = await plain.rt.db
      .selectFrom('pharmacies as p')
      .innerJoin('pharmacy_integrations as i', 'i.pharmacy_id', 'p.id')
      .select(['p.name', 'p.sync_interval_minutes', 'i.base_url', 'i.requests_per_second'])
      .where('p.id', '=', store.slug)
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ name: 'New', sync_interval_minutes: 30, base_url: store.baseUrl, requests_per_second: 2 });
  });

  it('registers one DRX subscription per event at our URL with a stored header secret, and reuses it when added again', async () => {
    const store = addStore();
    const deps = onboardingDeps(withWebhooks.rt);
    const result = await addPharmacy(deps, { id: store.slug, name: 'Hooks', drxBaseUrl: store.baseUrl, apiKey: store.apiKey });
    const secret = await withWebhooks.rt.secrets.get(`drx-webhook-secret-${store.slug}`);

    expect(result.webhooks).toEqual({ registered: DRX_WEBHOOK_EVENTS.length });
    expect(secret).toMatch(/^[0-9a-f]{64}$/);
    const subs = sandbox.store(store.slug).webhooks();
    expect(subs.map((s) => s.event).sort()).toEqual([...DRX_WEBHOOK_EVENTS].sort());
    for (const s of subs) {
      expect(s.url).toBe(`http://127.0.0.1:9/drx-webhook/${store.slug}?event=${encodeURIComponent(s.event)}`);
      expect(s.header_key).toBe('X-RxBridge-Webhook-Secret');
      expect(s.header_value).toBe(secret);
    }
    const integration = await withWebhooks.rt.db.selectFrom('pharmacy_integrations').selectAll().where('pharmacy_id', '=', store.slug).executeTakeFirstOrThrow();
    expect(integration.webhook_secret_ref).toBe(`drx-webhook-secret-${store.slug}`);
    expect(integration.webhooks_registered_at).toBeInstanceOf(Date);
    expect(await rowsContaining(withWebhooks.rt.db, secret ?? 'never')).toEqual([]);

    await addPharmacy(deps, { id: store.slug, name: 'Hooks', apiKey: store.apiKey });
    expect(await withWebhooks.rt.secrets.get(`drx-webhook-secret-${store.slug}`)).toBe(secret);
    expect(sandbox.store(store.slug).webhooks()).toHaveLength(DRX_WEBHOOK_EVENTS.length);
  });
});
