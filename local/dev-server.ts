/** The local stand-in for Cloud Functions: every rxbridge function on one port. */
import type { Logger } from '../shared/log/logger.js';
import type { Runtime } from '../shared/runtime/runtime.js';
import { startDevServer, type DevServer } from './dev-server/dev-server.js';
import { functionRoutes } from './dev-server/function-routes.js';

export type { DevServer, FunctionRoute } from './dev-server/dev-server.js';
export { startDevServer } from './dev-server/dev-server.js';
export { functionRoutes } from './dev-server/function-routes.js';

/** Starts the dev server hosting every function; `rt` is read per request, so it may be set after start. */
export function startFunctionsServer(opts: { rt: () => Runtime; port?: number; host?: string; log: Logger }): Promise<DevServer> {
  return startDevServer({ routes: functionRoutes(opts.rt), port: opts.port, host: opts.host, log: opts.log });
}
