import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Writable } from 'node:stream';
import { openTestDb, testDatabaseUrl, uniquePharmacyId } from '../../test/support/test-db.js';
import type { DbHandle } from '../db/create-db.js';
import { createLogger, silentLogger } from '../log/logger.js';
import { clientListenConnector, poolListenConnector } from './listen-connection.js';
import { createLiveUpdatesHub, type LiveUpdatesHub } from './live-updates-hub.js';
import type { LiveEvent } from './live-event-reads.js';
import { createSseHandler } from './sse-handler.js';
import { openSse, serve, type SseStream } from './sse-client.testkit.js';
import { commitLiveEvent, holdLiveEvent, livePayload } from './live-outbox.testkit.js';
import { writeOutbox } from './write-outbox.js';

// Two "instances" (A, B: each its own pool and hub) and a writer on a third pool.
let a: DbHandle;
let b: DbHandle;
let writer: DbHandle;
let hubA: LiveUpdatesHub;
let hubB: LiveUpdatesHub;
let serverB: { url: string; close(): Promise<void> };
const listenAppName = `rxbridge-listen-test-${process.pid}-${Date.now()}`;
const logLines: string[] = [];
const streams: SseStream[] = [];

const commitEvent = (pharmacyId: string, n: number): Promise<string> => commitLiveEvent(writer.db, pharmacyId, n);

async function open(query: string, headers: Record<string, string> = {}): Promise<SseStream> {
  const s = await openSse(`${serverB.url}/live-updates${query}`, headers);
  streams.push(s);
  return s;
}

beforeAll(async () => {
  a = openTestDb(3);
  b = openTestDb(3);
  writer = openTestDb(2);
  hubA = createLiveUpdatesHub({ db: a.db, connect: poolListenConnector(a.pool), log: silentLogger });
  const capture = new Writable({
    write(chunk: Buffer, _enc, done) {
      logLines.push(chunk.toString());
      done();
    },
  });
  hubB = createLiveUpdatesHub({
    db: b.db,
    connect: clientListenConnector(testDatabaseUrl(), { applicationName: listenAppName }),
    log: createLogger({ destination: capture }),
    reconnectBaseMs: 50,
    reconnectMaxMs: 500,
    replayLimit: 3,
    readBatch: 2,
  });
  serverB = await serve(createSseHandler({ hub: hubB, log: silentLogger, heartbeatMs: 60_000 }));
});

afterAll(async () => {
  await Promise.all(streams.map((s) => s.close()));
  await serverB?.close();
  await Promise.all([hubA?.close(), hubB?.close()]);
  await Promise.all([a?.close(), b?.close(), writer?.close()]);
});

describe('live updates across instances', () => {
  it('streams an event committed through a third connection to an SSE client of another instance', async () => {
    const ph = uniquePharmacyId();
    const seenByA: LiveEvent[] = [];
    const arrivedOnA = new Promise<void>((resolve) =>
      void hubA.subscribe(null, (e) => e.pharmacyId === ph && (seenByA.push(e), resolve()), { pharmacyId: ph }),
    );
    const stream = await open(`?pharmacyId=${ph}`);
    expect(stream.status).toBe(200);
    expect(stream.headers.get('content-type')).toMatch(/^text\/event-stream/);
    expect(stream.headers.get('cache-control')).toBe('no-cache');
    expect(stream.headers.get('x-accel-buffering')).toBe('no');
    await stream.ready();

    const id = await commitEvent(ph, 2);
    const frame = await stream.nextEvent();
    expect(frame).toMatchObject({ id, event: 'sync.completed' });
    expect(JSON.parse(frame.data ?? '')).toEqual(livePayload(ph, 2));
    await arrivedOnA;
    expect(seenByA.map((e) => e.id)).toEqual([id]);
  });

  it('streams change events as well as summaries, and nothing from other outbox topics', async () => {
    const ph = uniquePharmacyId();
    const stream = await open(`?pharmacyId=${ph}`);
    await stream.ready();
    await writer.db.transaction().execute((trx) => writeOutbox(trx, 'audit-only' as 'live-updates', ph, { type: 'hidden' }));
    const change = { type: 'ehr.change', table: 'patients', operation: 'update', id: '7', drchronoId: '42' };
    const id = await writer.db.transaction().execute((trx) => writeOutbox(trx, 'change-events', ph, change));
    const frame = await stream.nextEvent();
    expect(frame).toMatchObject({ id, event: 'ehr.change' });
    expect(JSON.parse(frame.data ?? '{}')).toEqual(change);
  });

  it('never delivers a row whose transaction rolled back, and delivers the one that committed', async () => {
    const ph = uniquePharmacyId();
    const stream = await open(`?pharmacyId=${ph}`);
    await stream.ready();
    await expect(
      writer.db.transaction().execute(async (trx) => {
        await writeOutbox(trx, 'live-updates', ph, livePayload(ph, 99));
        throw new Error('roll back');
      }),
    ).rejects.toThrow('roll back');
    const committed = await commitEvent(ph, 1);
    const frame = await stream.nextEvent();
    expect(frame.id).toBe(committed);
    expect(JSON.parse(frame.data ?? '{}')).toMatchObject({ newPrescribers: 1 });
  });

  it('replays exactly the missed events after Last-Event-ID, in order, then continues live without a duplicate', async () => {
    const ph = uniquePharmacyId();
    const first = await open(`?pharmacyId=${ph}`);
    await first.ready();
    await commitEvent(ph, 1);
    const seen = await first.nextEvent();
    await first.close();

    const missed = [await commitEvent(ph, 2), await commitEvent(ph, 3)];
    const again = await open(`?pharmacyId=${ph}`, { 'Last-Event-ID': seen.id ?? '' });
    const replayed = await again.ready();
    expect(replayed.map((f) => f.id)).toEqual(missed);
    const live = await commitEvent(ph, 4);
    expect((await again.nextEvent()).id).toBe(live);
  });

  it('accepts the last id as ?lastEventId= and replays at most replayLimit, the most recent ones', async () => {
    const ph = uniquePharmacyId();
    const before = await commitEvent(ph, 0);
    const ids: string[] = [];
    for (let n = 1; n <= 5; n++) ids.push(await commitEvent(ph, n));
    const stream = await open(`?pharmacyId=${ph}&lastEventId=${before}`);
    expect((await stream.ready()).map((f) => f.id)).toEqual(ids.slice(-3));
  });

  it('delivers a row that commits after rows with higher ids, and pages past rows held above that hole', async () => {
    const ph = uniquePharmacyId();
    const stream = await open(`?pharmacyId=${ph}`);
    await stream.ready();
    const slow = await writer.pool.connect();
    try {
      const heldId = await holdLiveEvent(slow, ph, 0);
      const later = [await commitEvent(ph, 1), await commitEvent(ph, 2), await commitEvent(ph, 3)];
      const first = [await stream.nextEvent(), await stream.nextEvent(), await stream.nextEvent()];
      expect(first.map((f) => f.id)).toEqual(later);
      await slow.query('commit');
      expect((await stream.nextEvent()).id).toBe(heldId);
    } finally {
      slow.release();
    }
  });

  it('filters by pharmacyId', async () => {
    const mine = uniquePharmacyId();
    const other = uniquePharmacyId();
    const stream = await open(`?pharmacyId=${mine}`);
    await stream.ready();
    await commitEvent(other, 1);
    const id = await commitEvent(mine, 1);
    const frame = await stream.nextEvent();
    expect(frame.id).toBe(id);
    expect(JSON.parse(frame.data ?? '{}')).toMatchObject({ pharmacyId: mine });
  });

  it('filters by practiceId: EHR change events (written with no pharmacy) of that practice only, live and replayed', async () => {
    const mine = uniquePharmacyId('pr');
    const other = uniquePharmacyId('pr');
    const change = (practiceId: string, id: string) => ({ type: 'ehr.change', table: 'patients', operation: 'update', id, drchronoId: `9${id}`, practiceId });
    const commitChange = (practiceId: string, id: string) => writer.db.transaction().execute((trx) => writeOutbox(trx, 'change-events', null, change(practiceId, id)));
    const stream = await open(`?practiceId=${mine}`);
    await stream.ready();
    await commitChange(other, '1');
    const first = await commitChange(mine, '2');
    const frame = await stream.nextEvent();
    expect(frame.id).toBe(first);
    expect(JSON.parse(frame.data ?? '{}')).toEqual(change(mine, '2'));

    // Missed while away: the replay holds the practice's events and none of the other's.
    await commitChange(other, '3');
    const missed = await commitChange(mine, '4');
    const again = await open(`?practiceId=${mine}`, { 'Last-Event-ID': first });
    expect((await again.ready()).map((f) => f.id)).toEqual([missed]);
  });

  it('reconnects after the LISTEN connection is killed and delivers what was committed meanwhile', async () => {
    const ph = uniquePharmacyId();
    const stream = await open(`?pharmacyId=${ph}`);
    await stream.ready();
    const killed = await writer.pool.query<{ n: string }>(
      'select count(*) filter (where pg_terminate_backend(pid))::text as n from pg_stat_activity where application_name = $1',
      [listenAppName],
    );
    expect(killed.rows[0]?.n).toBe('1');
    const id = await commitEvent(ph, 7);
    expect((await stream.nextEvent()).id).toBe(id);
    expect(logLines.some((l) => l.includes('live-updates listener lost'))).toBe(true);
  });
});

describe('live updates request errors', () => {
  it('answers 400 naming Last-Event-ID when it is not an event id', async () => {
    const res = await fetch(`${serverB.url}/live-updates`, { headers: { 'Last-Event-ID': 'abc' } });
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ error: { code: 'invalid_query', field: 'Last-Event-ID' } });
  });

  it('answers 400 for a malformed pharmacyId or practiceId, or both given, and 405 for a POST', async () => {
    expect((await fetch(`${serverB.url}/live-updates?pharmacyId=NOT%20OK`)).status).toBe(400);
    expect((await fetch(`${serverB.url}/live-updates?practiceId=NOT%20OK`)).status).toBe(400);
    const both = await fetch(`${serverB.url}/live-updates?pharmacyId=ph_a&practiceId=pr_a`);
    expect(both.status).toBe(400);
    expect(await both.json()).toMatchObject({ error: { code: 'invalid_query', message: 'give pharmacyId or practiceId, not both' } });
    const post = await fetch(`${serverB.url}/live-updates`, { method: 'POST' });
    expect(post.status).toBe(405);
    expect(post.headers.get('allow')).toBe('GET');
  });
});
