/** Test kit: serves a handler over real HTTP and reads an SSE stream with fetch. */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface SseFrame {
  id?: string;
  event?: string;
  data?: string;
  comment?: string;
}

/** Starts `handler` on an ephemeral loopback port. */
export async function serve(
  handler: (req: IncomingMessage, res: ServerResponse) => Promise<void>,
): Promise<{ url: string; close(): Promise<void> }> {
  const server = createServer((req, res) => void handler(req, res));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

function parseFrame(text: string): SseFrame {
  const frame: SseFrame = {};
  for (const line of text.split('\n')) {
    if (line.startsWith(':')) frame.comment = line.slice(1).trim();
    const m = /^(id|event|data): ?(.*)$/.exec(line);
    if (m?.[1] === 'id' || m?.[1] === 'event' || m?.[1] === 'data') frame[m[1]] = m[2];
  }
  return frame;
}

export interface SseStream {
  status: number;
  headers: Headers;
  /** The next frame that carries an event (comments skipped). */
  nextEvent(): Promise<SseFrame>;
  /** Waits for the `: ready` comment (the server is subscribed); returns the events replayed before it. */
  ready(): Promise<SseFrame[]>;
  close(): Promise<void>;
}

/** Opens `url` as an event stream. */
export async function openSse(url: string, headers: Record<string, string> = {}): Promise<SseStream> {
  const abort = new AbortController();
  const res = await fetch(url, { headers: { Accept: 'text/event-stream', ...headers }, signal: abort.signal });
  const reader = res.body?.getReader();
  const decoder = new TextDecoder();
  let buffered = '';
  const nextFrame = async (): Promise<SseFrame> => {
    for (;;) {
      const end = buffered.indexOf('\n\n');
      if (end >= 0) {
        const text = buffered.slice(0, end);
        buffered = buffered.slice(end + 2);
        return parseFrame(text);
      }
      const chunk = await reader?.read();
      if (!chunk || chunk.done) throw new Error('stream ended');
      buffered += decoder.decode(chunk.value, { stream: true });
    }
  };
  return {
    status: res.status,
    headers: res.headers,
    async nextEvent() {
      for (;;) {
        const f = await nextFrame();
        if (f.id !== undefined || f.data !== undefined) return f;
      }
    },
    async ready() {
      const replayed: SseFrame[] = [];
      for (;;) {
        const f = await nextFrame();
        if (f.comment === 'ready') return replayed;
        if (f.id !== undefined || f.data !== undefined) replayed.push(f);
      }
    },
    async close() {
      abort.abort();
      await reader?.cancel().catch(() => undefined);
    },
  };
}
