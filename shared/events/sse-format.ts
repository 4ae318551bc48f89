/** Server-Sent Events framing for live-update events. */
import type { LiveEvent } from './live-event-reads.js';

const EVENT_NAME = /^[A-Za-z0-9_.-]{1,64}$/;

/** One SSE frame: `id`, `event` (the payload's type), `data` (the payload as one JSON line). */
export function formatSseEvent(e: LiveEvent): string {
  const type = e.payload.type;
  const name = typeof type === 'string' && EVENT_NAME.test(type) ? type : 'message';
  // JSON.stringify never emits a raw newline, so the payload is always one `data:` line.
  return `id: ${e.id}\nevent: ${name}\ndata: ${JSON.stringify(e.payload)}\n\n`;
}

/** A comment line: keeps proxies and load balancers from closing an idle stream. */
export const SSE_PING = ': ping\n\n';

/** Sent once subscribed: from here on every committed event reaches this stream. */
export const SSE_READY = ': ready\n\n';

/** The browser's reconnect delay after a drop, in ms. */
export const SSE_RETRY = 'retry: 3000\n\n';
