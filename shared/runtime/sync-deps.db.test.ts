import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomBytes } from 'node:crypto';
import { startDrxSandbox, type DrxSandbox } from '../../local/drx-sandbox/index.js';
import { AppError } from '../errors/app-error.js';
import { uniquePharmacyId } from '../../test/support/test-db.js';
import { createPublisherFor } from './create-publisher-for.js';
import { createSyncDeps } from './sync-deps.js';
import { createTestRuntime, type TestRuntime } from './test-runtime.testkit.js';

let sandbox: DrxSandbox;
let t: TestRuntime;

beforeAll(async () => {
  sandbox = await startDrxSandbox({ port: 0 });
  t = await createTestRuntime();
});

afterAll(async () => {
  await sandbox.close();
  await t.close();
});

describe('createSyncDeps', () => {
  it('opens a page source with the key from the secret store', async () => {
    const id = uniquePharmacyId();
    const apiKey = `DRX${randomBytes(16).toString('hex')}`;
    sandbox.addStore({ slug: id, apiKey, seed: 9, doctors: 3, prescriptions: 0 });
    await t.rt.secrets.put(`drx-api-key-${id}`, apiKey);
    const source = await createSyncDeps(t.rt).openSource({
      pharmacyId: id,
      baseUrl: sandbox.baseUrlFor(id),
      requestsPerSecond: 0,
      secretRef: `drx-api-key-${id}`,
    });
    const page = await source.fetchPage('doctors', { afterDate: null, offset: 0, limit: 100 });
    expect(page.rows).toHaveLength(3);
  });

  it('fails with a permanent secret_missing when the key is not in the store', async () => {
    const id = uniquePharmacyId();
    const err = await createSyncDeps(t.rt)
      .openSource({ pharmacyId: id, baseUrl: 'http://127.0.0.1:9', requestsPerSecond: 0, secretRef: `drx-api-key-${id}` })
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AppError);
    expect((err as AppError).kind).toBe('permanent');
    expect((err as AppError).code).toBe('secret_missing');
  });

  it('carries the configured sync settings', () => {
    expect(createSyncDeps(t.rt).settings).toEqual({ pageSize: 100, cursorOverlapMinutes: 60, leaseSeconds: 300, prefetchPages: 2 });
  });
});

describe('createPublisherFor', () => {
  it('records locally what it publishes when Pub/Sub is not used', async () => {
    const publisher = createPublisherFor({ PUBSUB_BACKEND: 'none', GCP_PROJECT_ID: undefined });
    const id = await publisher.publish('rxbridge-change-events', { data: { a: 1 }, attributes: { type: 't' } });
    expect(id).toMatch(/[0-9a-f-]{36}/);
    expect('published' in publisher && publisher.published).toEqual([
      { topic: 'rxbridge-change-events', message: { data: { a: 1 }, attributes: { type: 't' } }, id },
    ]);
  });
});
