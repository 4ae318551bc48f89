// The sandbox's HTTP servers: real node:http on 127.0.0.1. The main origin
// serves OAuth, the API and /_sandbox; a second origin (another port) serves
// the API too, and is where GET /api/clinical_notes 302s to.
import { randomBytes, randomInt } from 'node:crypto';
import { createServer } from 'node:http';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { handleApiRequest } from './api-handler.js';
import { routeControl } from './control-routes.js';
import type { DrChronoFaultPlan } from './fault-plan.js';
import { BadRequest, errorReply, sendReply } from './http-io.js';
import { exposeSandbox } from './sandbox-facade.js';
import type { DrChronoSandbox } from './sandbox-facade.js';
import { SandboxState } from './sandbox-state.js';
import { handleTokenRequest } from './token-endpoint.js';

/** Options of startDrChronoSandbox. */
export interface DrChronoSandboxOptions {
  /** Main port; 0 (the default) picks an ephemeral one. The second origin always takes an ephemeral port. */
  port?: number;
  host?: string;
  /** The sandbox clock: token expiry, the hourly budget window, updated_at of mutations, generated dates. */
  now?: () => Date;
  /** expires_in of access tokens (default 172800, the contract's 48 hours). */
  tokenTtlSeconds?: number;
  clientId?: string;
  clientSecret?: string;
  faults?: DrChronoFaultPlan;
  /**
   * Shifts every record id by idBase × 1e9. Default: random, so sandboxes in
   * tests sharing one database never collide on DrChrono ids; pass a fixed
   * value (npm start) for the same ids on every start.
   */
  idBase?: number;
}

type Handler = (req: IncomingMessage, res: ServerResponse, base: string) => Promise<void>;

async function listen(host: string, port: number, handler: Handler): Promise<{ server: Server; base: string }> {
  let base = '';
  const server = createServer((req, res) => {
    handler(req, res, base).catch((err: unknown) => {
      if (res.headersSent) return void res.destroy();
      const bad = err instanceof BadRequest;
      sendReply(res, errorReply(bad ? 400 : 500, err instanceof Error ? err.message : String(err)));
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve());
  });
  base = `http://${host}:${(server.address() as AddressInfo).port}`;
  return { server, base };
}

function close(server: Server): Promise<void> {
  server.closeAllConnections();
  return new Promise((resolve, reject) => server.close((err) => (err ? reject(err) : resolve())));
}

/** Starts a sandbox: one DrChrono API application serving any number of practices. */
export async function startDrChronoSandbox(opts: DrChronoSandboxOptions = {}): Promise<DrChronoSandbox> {
  const host = opts.host ?? '127.0.0.1';
  const client = {
    clientId: opts.clientId ?? `sandbox-${randomBytes(8).toString('hex')}`,
    clientSecret: opts.clientSecret ?? randomBytes(24).toString('hex'),
  };
  const idBase = opts.idBase ?? 1 + randomInt(999_999);
  const state = new SandboxState(client, opts.now ?? (() => new Date()), opts.tokenTtlSeconds ?? 172_800, idBase);
  if (opts.faults) state.faults.set(opts.faults);

  const second = await listen(host, 0, async (req, res, base) => {
    const self = new URL(req.url ?? '/', base);
    if (self.pathname.startsWith('/api/')) return handleApiRequest(state, req, res, { self, redirectTo: undefined });
    sendReply(res, errorReply(404, 'Not found.'));
  });
  const main = await listen(host, opts.port ?? 0, async (req, res, base) => {
    const self = new URL(req.url ?? '/', base);
    if (self.pathname === '/o/token/' || self.pathname === '/o/token') {
      state.stats.count('tokenRequests');
      return sendReply(res, await handleTokenRequest(req, client, state.authority));
    }
    if (self.pathname.startsWith('/api/')) return handleApiRequest(state, req, res, { self, redirectTo: second.base });
    if (self.pathname.startsWith('/_sandbox/')) {
      return sendReply(res, await routeControl(state, req, self.pathname.slice('/_sandbox'.length)));
    }
    sendReply(res, errorReply(404, 'Not found.'));
  });

  return exposeSandbox(state, {
    url: main.base,
    redirectOrigin: second.base,
    async close() {
      await state.webhooks.flush();
      await Promise.all([close(main.server), close(second.server)]);
    },
  });
}
