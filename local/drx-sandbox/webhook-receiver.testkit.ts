// Test-only: a tiny node:http server that records the webhooks it receives.
import { createServer } from 'node:http';
import type { IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One received POST. */
export interface ReceivedHook {
  path: string;
  headers: IncomingHttpHeaders;
  body: unknown;
}

/** A running receiver; `status` is what it answers with. */
export interface WebhookReceiver {
  url: string;
  received: ReceivedHook[];
  status: number;
  close(): Promise<void>;
}

/** Starts a receiver on an ephemeral port. */
export async function startWebhookReceiver(): Promise<WebhookReceiver> {
  const received: ReceivedHook[] = [];
  const receiver: WebhookReceiver = { url: '', received, status: 200, close: async () => {} };
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      received.push({ path: req.url ?? '', headers: req.headers, body: JSON.parse(Buffer.concat(chunks).toString('utf8')) });
      res.writeHead(receiver.status).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  receiver.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  receiver.close = () =>
    new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    });
  return receiver;
}
