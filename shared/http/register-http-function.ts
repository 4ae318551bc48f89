/**
 * Registers one of our HTTP functions with the Functions Framework (same
 * target names, same CLI, same deployment) and has the framework serve it with
 * node:http directly instead of its Express app (plain-request-listener.ts).
 *
 * Why: on the webhook benchmark the framework's per-request stack (Express 5's
 * router, five body parsers, on-finished, an AsyncLocalStorage context, a
 * timeout controller and a Node domain per request) took about 350 of the
 * ~500 µs of CPU each delivery cost, and the garbage it left was most of what
 * each scavenge had to copy; hosted directly, the same function used ~150 µs
 * per delivery and served twice the requests at a lower p99. Our handlers never
 * needed Express: they are typed against node:http's request and response.
 *
 * How: the framework builds every server through its `getServer(function,
 * options)` (its CLI's main and `getTestServer` alike), after loading the
 * function's module, so replacing that export from here is early enough. Only
 * functions registered through this module are served directly; anything else
 * registered with the framework keeps its stock server. If a framework upgrade
 * moves `getServer`, loading this module throws: a function that would silently
 * run on a different host (HTML 400s for bad JSON, webhook bodies not kept) must
 * fail to deploy instead.
 */
import { createServer, type Server } from 'node:http';
import { createRequire } from 'node:module';
import { http } from '@google-cloud/functions-framework';
import { DEFAULT_IGNORED_PATHS, plainRequestListener, type PlainHttpFunction } from './plain-request-listener.js';

/** What the framework passes its getServer (options.ts FrameworkOptions), the parts we read. */
export interface FrameworkServerOptions {
  signatureType: string;
  /** IGNORED_ROUTES: null = the framework's defaults, '' = none, else an Express route pattern. */
  ignoredRoutes: string | null;
}
type GetServer = ((userFunction: unknown, options: FrameworkServerOptions) => Server) & { servesPlainHttp?: true };

const targets = new WeakMap<object, string>();

/** The server for `userFunction` when it is one of ours, else undefined (the framework's own server is used). */
export function plainServerFor(userFunction: unknown, options: FrameworkServerOptions): Server | undefined {
  const target = typeof userFunction === 'function' ? targets.get(userFunction) : undefined;
  if (target === undefined || options.signatureType !== 'http') return undefined;
  if (options.ignoredRoutes !== null && options.ignoredRoutes.trim() !== '') {
    throw new Error(`IGNORED_ROUTES (${options.ignoredRoutes}) is not supported for ${target}: rxbridge's HTTP functions ignore only /favicon.ico and /robots.txt, or nothing when it is set to ''`);
  }
  const ignoredPaths = options.ignoredRoutes === null ? DEFAULT_IGNORED_PATHS : [];
  return createServer(plainRequestListener(userFunction as PlainHttpFunction, { target, ignoredPaths }));
}

// Resolve the framework's server module exactly as its main and testing entry points do, so we replace what they call.
const frameworkRequire = createRequire(createRequire(import.meta.url).resolve('@google-cloud/functions-framework'));
const serverModule = frameworkRequire('./server.js') as { getServer?: GetServer };
const stockGetServer = serverModule.getServer;
if (typeof stockGetServer !== 'function') {
  throw new Error('@google-cloud/functions-framework no longer exports getServer from build/src/server.js: shared/http/register-http-function.ts must be updated for this version');
}
if (!stockGetServer.servesPlainHttp) {
  const getServer: GetServer = (userFunction, options) => plainServerFor(userFunction, options) ?? stockGetServer(userFunction, options);
  serverModule.getServer = Object.assign(getServer, { servesPlainHttp: true as const });
}

/** `http(target, handler)` of the Functions Framework, served by node:http directly. */
export function registerHttpFunction(target: string, handler: PlainHttpFunction): void {
  targets.set(handler, target);
  http(target, handler);
}

/** True when servers the framework builds from now on serve functions registered here directly. */
export function plainHttpHostInstalled(): boolean {
  return serverModule.getServer?.servesPlainHttp === true;
}
