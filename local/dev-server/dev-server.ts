/** One local HTTP server hosting every function under its own path, as the Functions Framework would. */
import express from 'express';
import type { NextFunction, Request, Response } from 'express';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { HttpFunction } from '@google-cloud/functions-framework';
import type { Logger } from '../../shared/log/logger.js';
import { readBody } from './read-body.js';

/** A function mounted at `path`; like a deployed function, it sees the path below its mount (`/ph_1`). */
export interface FunctionRoute {
  path: string;
  handler: HttpFunction;
  description: string;
  /** Releases what the function holds per instance (the live-updates LISTEN client). */
  close?: () => Promise<void>;
}

export interface DevServer {
  /** e.g. http://127.0.0.1:8080 */
  url: string;
  close(): Promise<void>;
}

export interface DevServerOptions {
  routes: readonly FunctionRoute[];
  port?: number;
  host?: string;
  log: Logger;
}

function internalError(log: Logger, path: string) {
  return (_err: unknown, _req: Request, res: Response, _next: NextFunction): void => {
    // The message may carry a secret or PHI from deep inside; log only where it happened.
    log.error('function threw', { function: path });
    if (res.headersSent) return void res.end();
    res.status(500).json({ error: { code: 'internal', message: 'internal error' } });
  };
}

/** Starts the server; port 0 picks a free one. Fails with a clear message when the port is taken. */
export async function startDevServer(opts: DevServerOptions): Promise<DevServer> {
  const app = express();
  app.enable('trust proxy');
  app.disable('x-powered-by');
  app.set('etag', false);
  let url = '';
  app.get('/', (_req, res) => {
    res.json({ functions: opts.routes.map((r) => ({ path: r.path, url: `${url}${r.path}`, description: r.description })) });
  });
  for (const route of opts.routes) {
    app.use(route.path, readBody, (req: Request, res: Response, next: NextFunction) => {
      Promise.resolve(route.handler(req, res)).catch(next);
    });
    app.use(route.path, internalError(opts.log, route.path));
  }
  app.use((req: Request, res: Response) => {
    res.status(404).json({ error: { code: 'not_found', message: `no function at ${req.path}` } });
  });

  const host = opts.host ?? '127.0.0.1';
  const server: Server = await new Promise((resolve, reject) => {
    const s = app.listen(opts.port ?? 0, host);
    s.once('listening', () => resolve(s));
    s.once('error', (err: NodeJS.ErrnoException) =>
      reject(err.code === 'EADDRINUSE' ? new Error(`port ${opts.port} is already in use: set PORT to another one`) : err),
    );
  });
  url = `http://${host}:${(server.address() as AddressInfo).port}`;
  return {
    url,
    async close() {
      await new Promise<void>((resolve, reject) => {
        // Live-updates streams never end on their own; drop them so close() returns.
        server.close((err) => (err ? reject(err) : resolve()));
        server.closeAllConnections();
      });
      for (const route of opts.routes) await route.close?.();
    },
  };
}
