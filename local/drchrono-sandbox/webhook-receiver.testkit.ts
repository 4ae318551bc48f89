// A real HTTP webhook receiver for tests: records POSTs and answers the
// verification GET with the HMAC of msg (or a wrong value when told to).
import { createHmac } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One received POST. */
export interface Received {
  headers: Record<string, string>;
  body: string;
}

/** A running receiver. */
export interface Receiver {
  url: string;
  received: Received[];
  /** What the next POSTs answer (default 200). */
  status: number;
  /** Answer verification with a wrong token. */
  lie: boolean;
  close(): Promise<void>;
}

/** Starts a receiver whose verification answers use `secret`. */
export async function startReceiver(secret: string): Promise<Receiver> {
  const state = { received: [] as Received[], status: 200, lie: false };
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const url = new URL(req.url ?? '/', 'http://x');
      if (req.method === 'GET') {
        const msg = url.searchParams.get('msg') ?? '';
        const token = createHmac('sha256', state.lie ? 'wrong' : secret).update(msg).digest('hex');
        res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ secret_token: token }));
        return;
      }
      const headers: Record<string, string> = {};
      for (const [k, v] of Object.entries(req.headers)) if (typeof v === 'string') headers[k] = v;
      state.received.push({ headers, body: Buffer.concat(chunks).toString('utf8') });
      res.writeHead(state.status).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const receiver: Receiver = {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/drchrono-webhook`,
    get received() {
      return state.received;
    },
    get status() {
      return state.status;
    },
    set status(s: number) {
      state.status = s;
    },
    get lie() {
      return state.lie;
    },
    set lie(v: boolean) {
      state.lie = v;
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((err) => (err ? reject(err) : resolve()));
      }),
  };
  return receiver;
}
