// The sandbox's HTTP server: real node:http on 127.0.0.1, one process, many
// stores under /stores/<slug>/external_api/v1.
import { createServer } from 'node:http';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { handleApiRequest } from './api-handler.js';
import { routeControl } from './control-routes.js';
import type { ControlPort } from './control-routes.js';
import { BadRequest, errorReply, sendReply } from './http-io.js';
import type { SandboxStore } from './sandbox-store.js';
import { Store } from './store.js';
import { resolveStoreOptions } from './store-options.js';
import type { SandboxStoreOptions } from './store-options.js';
import type { WebhookFetch } from './webhook-dispatcher.js';

/** A running sandbox. */
export interface DrxSandbox {
  /** e.g. http://127.0.0.1:54321 */
  url: string;
  /** `${url}/stores/${slug}/external_api/v1` */
  baseUrlFor(slug: string): string;
  /** Generates a store; throws an Error naming the bad field, or if the slug exists. */
  addStore(opts: SandboxStoreOptions): SandboxStore;
  /** The store with that slug; throws if unknown. */
  store(slug: string): SandboxStore;
  /** Waits for webhook deliveries, then closes every connection and the server. */
  close(): Promise<void>;
}

/** Server options; `fetch` (default: global fetch) is what webhooks are delivered with. */
export interface SandboxServerOptions {
  port?: number;
  host?: string;
  fetch?: WebhookFetch;
}

const STORE_PATH = /^\/stores\/([^/]+)\/external_api\/v1(\/.*)?$/;

/** Starts a sandbox; port 0 (the default) picks an ephemeral port. */
export async function startDrxSandbox(opts: SandboxServerOptions = {}): Promise<DrxSandbox> {
  const stores = new Map<string, Store>();
  const host = opts.host ?? '127.0.0.1';
  const fetchFn: WebhookFetch = opts.fetch ?? ((url, init) => fetch(url, init));
  let url = '';
  const baseUrlFor = (slug: string): string => `${url}/stores/${slug}/external_api/v1`;
  const addStore = (input: SandboxStoreOptions): Store => {
    const { now, ...rest } = input;
    const resolved = resolveStoreOptions(rest);
    if (stores.has(resolved.slug)) throw new Error(`store ${resolved.slug} already exists`);
    const store = new Store(resolved, { now: now ?? (() => new Date()), monotonicMs: () => performance.now(), fetch: fetchFn });
    stores.set(store.slug, store);
    return store;
  };
  const port: ControlPort = { addStore, findStore: (slug) => stores.get(slug), baseUrlFor };

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const target = new URL(req.url ?? '/', 'http://sandbox');
    const m = STORE_PATH.exec(target.pathname);
    if (m?.[1] !== undefined) {
      const store = stores.get(m[1]);
      if (!store) return sendReply(res, errorReply(404, `unknown store ${m[1]}`));
      return handleApiRequest(store, req, res, m[2] ?? '', target.searchParams);
    }
    if (target.pathname.startsWith('/_sandbox/')) {
      return sendReply(res, await routeControl(port, req, target.pathname.slice('/_sandbox'.length)));
    }
    sendReply(res, errorReply(404, `no route ${req.method ?? 'GET'} ${target.pathname}`));
  };

  const server = createServer((req, res) => {
    handle(req, res).catch((err: unknown) => {
      if (res.headersSent) return void res.destroy();
      const bad = err instanceof BadRequest;
      sendReply(res, errorReply(bad ? 400 : 500, err instanceof Error ? err.message : String(err)));
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, host, () => resolve());
  });
  url = `http://${host}:${(server.address() as AddressInfo).port}`;

  return {
    url,
    baseUrlFor,
    addStore,
    store(slug) {
      const store = stores.get(slug);
      if (!store) throw new Error(`unknown store ${slug}`);
      return store;
    },
    async close() {
      await Promise.all([...stores.values()].map((s) => s.flushWebhooks()));
      server.closeAllConnections();
      await new Promise<void>((resolve, reject) => server.close((err) => (err ? reject(err) : resolve())));
    },
  };
}
