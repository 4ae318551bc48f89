import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestDb, uniquePharmacyId } from '../../test/support/test-db.js';
import type { DbHandle } from '../db/create-db.js';
import { silentLogger } from '../log/logger.js';
import { poolListenConnector } from './listen-connection.js';
import { createLiveUpdatesHub, type LiveUpdatesHub } from './live-updates-hub.js';
import type { LiveEvent } from './live-event-reads.js';
import { commitLiveEvent, holdLiveEvent } from './live-outbox.testkit.js';

// A hub that starts (first subscriber on a cold instance) while another transaction holds a lower outbox id.
let writer: DbHandle;
let instance: DbHandle;
let hub: LiveUpdatesHub | undefined;

const commitEvent = (pharmacyId: string, n: number): Promise<string> => commitLiveEvent(writer.db, pharmacyId, n);

async function waitFor(events: LiveEvent[], count: number): Promise<void> {
  for (let waited = 0; events.length < count && waited < 5_000; waited += 20) await new Promise((r) => setTimeout(r, 20));
}

beforeAll(() => {
  writer = openTestDb(3);
  instance = openTestDb(3);
});

afterAll(async () => {
  await hub?.close();
  await Promise.all([writer?.close(), instance?.close()]);
});

describe('a live-updates hub starting cold', () => {
  it('streams a row whose transaction was still open when it started below an already committed higher id, and no history', async () => {
    const ph = uniquePharmacyId();
    const slow = await writer.pool.connect();
    try {
      const heldId = await holdLiveEvent(slow, ph, 0);
      const before = await commitEvent(ph, 1);
      expect(BigInt(before)).toBeGreaterThan(BigInt(heldId));

      hub = createLiveUpdatesHub({ db: instance.db, connect: poolListenConnector(instance.pool), log: silentLogger });
      const events: LiveEvent[] = [];
      await hub.subscribe(null, (e) => void events.push(e), { pharmacyId: ph });

      await slow.query('commit');
      await waitFor(events, 1);
      const after = await commitEvent(ph, 2);
      await waitFor(events, 2);
      // The row committed before the start is history (a client gets it by Last-Event-ID), never a live event.
      expect(events.map((e) => e.id)).toEqual([heldId, after]);
    } finally {
      slow.release();
    }
  });
});
