import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { getTestServer } from '@google-cloud/functions-framework/testing';
import { openTestDb, testDatabaseUrl, uniquePharmacyId } from '../../test/support/test-db.js';
import { loadConfig } from '../../shared/config/load-config.js';
import type { DbHandle } from '../../shared/db/create-db.js';
import { openSse, type SseStream } from '../../shared/events/sse-client.testkit.js';
import { writeOutbox } from '../../shared/events/write-outbox.js';
import { silentLogger } from '../../shared/log/logger.js';
import { createRuntime } from '../../shared/runtime/create-runtime.js';
import { setRuntimeForTests } from '../../shared/runtime/lazy-runtime.js';

let h: DbHandle;
let server: Server;
let url: string;
let stream: SseStream | undefined;
let closeHub: () => Promise<void> = async () => undefined;

beforeAll(async () => {
  h = openTestDb(3);
  setRuntimeForTests(createRuntime(loadConfig({ DATABASE_URL: testDatabaseUrl() }), { db: h, log: silentLogger }));
  const { liveUpdates } = await import('./index.js');
  closeHub = () => liveUpdates.close();
  server = getTestServer('liveUpdates');
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await stream?.close();
  server?.closeAllConnections();
  await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
  await closeHub();
  setRuntimeForTests(undefined);
  await h?.close();
});

describe('liveUpdates function', () => {
  it('is registered with the Functions Framework and streams a committed live update', async () => {
    const ph = uniquePharmacyId();
    stream = await openSse(`${url}/?pharmacyId=${ph}`);
    expect(stream.headers.get('content-type')).toMatch(/^text\/event-stream/);
    await stream.ready();
    const id = await writeOutbox(h.db, 'live-updates', ph, {
      type: 'webhook.applied',
      pharmacyId: ph,
      newPrescribers: 0,
      newPrescriptions: 1,
      highlights: ['Dr. Smith has 1 new Rx'],
      at: '2026-01-01T00:00:00Z',
    });
    const frame = await stream.nextEvent();
    expect(frame).toMatchObject({ id, event: 'webhook.applied' });
  });
});
