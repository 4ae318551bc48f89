/**
 * Per-instance fan-out of live-update events. One LISTEN connection per
 * instance; a NOTIFY is only a wake-up (bursts coalesce into one read of the
 * outbox), so events travel through the database and reach every instance.
 */
import type { Db } from '../db/create-db.js';
import type { Logger } from '../log/logger.js';
import { systemClock, type Clock } from '../time/clock.js';
import { DeliveryWindow } from './delivery-window.js';
import type { ListenConnection, ListenConnector } from './listen-connection.js';
import { LIVE_STREAM_TOPICS, readMissedLiveEvents, readOutboxAfter, readOutboxStart, type LiveEvent, type LiveFilter, type SeenRow } from './live-event-reads.js';
import { Subscriber } from './live-subscriber.js';

export const OUTBOX_CHANNEL = 'rxbridge_outbox';

export interface LiveUpdatesHubOptions {
  db: Db;
  connect: ListenConnector;
  log: Logger;
  clock?: Clock;
  /** Most events replayed to a reconnecting subscriber (LIVE_UPDATES_REPLAY_LIMIT). */
  replayLimit?: number;
  /** First reconnect delay after the LISTEN connection drops; doubles up to reconnectMaxMs. */
  reconnectBaseMs?: number;
  reconnectMaxMs?: number;
  /** How long a hole in the outbox ids is waited for (a transaction still running) before it is given up. */
  settleMs?: number;
  /** Rows per outbox read (default 1000). */
  readBatch?: number;
}

export interface LiveUpdatesHub {
  /** Delivers events with id > afterId (at most replayLimit), then live ones; resolves once listening, with the unsubscribe. */
  subscribe(afterId: string | null, onEvent: (e: LiveEvent) => void, filter?: LiveFilter): Promise<() => void>;
  /** Stops listening and drops every subscriber. */
  close(): Promise<void>;
}

/** Creates a hub; it connects on the first subscriber, not before. */
export function createLiveUpdatesHub(opts: LiveUpdatesHubOptions): LiveUpdatesHub {
  const clock = opts.clock ?? systemClock;
  const replayLimit = opts.replayLimit ?? 500;
  const baseMs = opts.reconnectBaseMs ?? 250;
  const maxMs = opts.reconnectMaxMs ?? 10_000;
  const readBatch = opts.readBatch ?? 1000;
  const subscribers = new Set<Subscriber>();
  const stop = new AbortController();
  let window: DeliveryWindow | undefined;
  let conn: ListenConnection | undefined;
  let starting: Promise<void> | undefined;
  let reconnecting: Promise<void> | undefined;
  let pumping: Promise<void> | undefined;
  let dirty = false;

  async function listen(): Promise<void> {
    const c = await opts.connect();
    try {
      await c.client.query(`LISTEN ${OUTBOX_CHANNEL}`);
    } catch (err) {
      await c.close();
      throw err;
    }
    if (stop.signal.aborted) return c.close();
    conn = c;
    c.client.on('notification', wake);
    const lost = () => onLost(c);
    c.client.on('error', lost);
    c.client.on('end', lost);
  }

  function onLost(c: ListenConnection): void {
    if (conn !== c || stop.signal.aborted) return;
    conn = undefined;
    void c.close();
    opts.log.warn('live-updates listener lost; reconnecting', { subscribers: subscribers.size });
    reconnecting ??= reconnect().finally(() => (reconnecting = undefined));
  }

  async function reconnect(): Promise<void> {
    for (let attempt = 0; !stop.signal.aborted; attempt++) {
      try {
        await clock.sleep(Math.min(maxMs, baseMs * 2 ** attempt), stop.signal);
        await listen();
        opts.log.info('live-updates listener back', { attempts: attempt + 1 });
        wake(); // catch up on everything committed while we were away
        return;
      } catch {
        if (stop.signal.aborted) return;
      }
    }
  }

  // Coalesces notifications: one read runs at a time, and a wake during it asks for one more.
  function wake(): void {
    dirty = true;
    pumping ??= pump().finally(() => (pumping = undefined));
  }

  async function pump(): Promise<void> {
    while (dirty && window && !stop.signal.aborted) {
      dirty = false;
      try {
        // Page from the floor up; `after` moves past each page so rows held above a hole are not re-read forever.
        for (let after = window.floor; ; ) {
          const rows = await readOutboxAfter(opts.db, after, readBatch);
          dispatch(window, rows);
          const last = rows.at(-1);
          if (rows.length < readBatch || !last) break;
          after = last.id;
        }
      } catch {
        // The next notification or reconnect reads again from the same floor: nothing is skipped.
        opts.log.warn('live-updates read failed', { subscribers: subscribers.size });
      }
    }
  }

  function dispatch(w: DeliveryWindow, rows: readonly SeenRow[]): void {
    const fresh = new Set(w.accept(rows.map((r) => r.id), clock.now().getTime()));
    for (const row of rows) {
      if (!fresh.has(row.id) || !LIVE_STREAM_TOPICS.includes(row.topic)) continue;
      const event = { id: row.id, pharmacyId: row.pharmacyId, payload: row.payload };
      for (const s of subscribers) deliver(s, event);
    }
  }

  // One subscriber's failure (a closed socket) must not starve the others.
  function deliver(s: Subscriber, event: LiveEvent): void {
    try {
      s.live(event);
    } catch {
      subscribers.delete(s);
      opts.log.warn('live-updates subscriber dropped after a failed write', { subscribers: subscribers.size });
    }
  }

  async function start(): Promise<void> {
    await listen();
    try {
      // Read only after LISTEN, so a row committed in between still wakes us.
      const settleMs = opts.settleMs ?? 60_000;
      const begin = await readOutboxStart(opts.db, settleMs);
      const w = new DeliveryWindow(begin.floor, settleMs);
      w.accept(begin.committed, clock.now().getTime());
      window = w;
    } catch (err) {
      const c = conn;
      conn = undefined;
      await c?.close();
      throw err;
    }
    wake();
  }

  return {
    async subscribe(afterId, onEvent, filter = {}) {
      if (stop.signal.aborted) throw new Error('live-updates hub is closed');
      starting ??= start().catch((err: unknown) => {
        starting = undefined;
        throw err;
      });
      await starting;
      const sub = new Subscriber(onEvent, filter);
      subscribers.add(sub); // buffering from here, so nothing between replay and live is lost
      try {
        const missed = afterId === null ? [] : await readMissedLiveEvents(opts.db, afterId, replayLimit, filter);
        sub.replay(missed);
      } catch (err) {
        subscribers.delete(sub);
        throw err;
      }
      return () => void subscribers.delete(sub);
    },
    async close() {
      stop.abort();
      subscribers.clear();
      await starting?.catch(() => undefined);
      await Promise.allSettled([reconnecting, pumping]);
      await conn?.close();
      conn = undefined;
    },
  };
}
