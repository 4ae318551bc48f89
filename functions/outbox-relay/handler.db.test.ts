import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { openTestDb, uniquePharmacyId } from '../../test/support/test-db.js';
import type { DbHandle } from '../../shared/db/create-db.js';
import { writeOutbox } from '../../shared/events/write-outbox.js';
import { serve } from '../../shared/events/sse-client.testkit.js';
import { authorizeAdmin } from '../../shared/http/authorize-admin.js';
import { rejectingIdTokenVerifier } from '../../shared/http/id-token-verifier.js';
import { silentLogger } from '../../shared/log/logger.js';
import { createRecordingPublisher } from '../../shared/runtime/recording-publisher.js';
import { createOutboxRelayHandlerWith } from './handler.js';

const adminToken = 'relay-test-admin-token-'.padEnd(48, 'x');
const publisher = createRecordingPublisher();
let h: DbHandle;
let server: { url: string; close(): Promise<void> };

beforeAll(async () => {
  h = openTestDb(3);
  const handler = createOutboxRelayHandlerWith({
    db: h.db,
    publisher,
    log: silentLogger,
    topicName: 'test-change-events',
    authorize: (req) =>
      authorizeAdmin(req, { adminToken, allowedPrincipals: [], idTokens: rejectingIdTokenVerifier, audience: undefined }),
  });
  server = await serve((req: IncomingMessage, res: ServerResponse) => handler(req, res));
});
afterAll(async () => {
  await server?.close();
  await h?.close();
});

describe('outboxRelay function', () => {
  it('relays unpublished rows for an admin caller and answers the counts', async () => {
    const ph = uniquePharmacyId();
    const id = await writeOutbox(h.db, 'change-events', ph, { kind: 'test' });
    const res = await fetch(`${server.url}/outbox-relay`, { method: 'POST', headers: { Authorization: `Bearer ${adminToken}` } });
    expect(res.status).toBe(200);
    const body = (await res.json()) as { published: number; failed: number };
    expect(body.published).toBeGreaterThanOrEqual(1);
    expect(body.failed).toBe(0);
    expect(publisher.published.map((m) => m.message.attributes.outboxId)).toContain(id);
  });

  it('answers 401 and publishes nothing without admin credentials', async () => {
    const id = await writeOutbox(h.db, 'change-events', uniquePharmacyId(), { kind: 'test' });
    const res = await fetch(`${server.url}/outbox-relay`, { method: 'POST', headers: { Authorization: 'Bearer wrong' } });
    expect(res.status).toBe(401);
    expect(await res.json()).toMatchObject({ error: { code: 'unauthorized' } });
    expect(publisher.published.map((m) => m.message.attributes.outboxId)).not.toContain(id);
  });

  it('answers 405 to a GET', async () => {
    const res = await fetch(`${server.url}/outbox-relay`, { headers: { Authorization: `Bearer ${adminToken}` } });
    expect(res.status).toBe(405);
    expect(res.headers.get('allow')).toBe('POST');
  });
});
