/**
 * Runs our HTTP functions without the per-request Node domain that the
 * Functions Framework wraps each request in; everything else about how the
 * framework calls them is kept.
 *
 * Why: the first domain a process creates enables a process-wide async hook
 * with a destroy callback, and from then on every promise is tracked until the
 * garbage collector frees it (nodejs/node#50480). On the webhook benchmark that
 * was about a third of the server's CPU per delivery, and the extra garbage it
 * keeps alive lengthened scavenges enough to push p99 past 50 ms.
 *
 * What the domain bought, and what stands in for it: an error thrown
 * asynchronously outside the request's promise chain was answered with a 500
 * while the process carried on. Our handlers (runHandler) catch every error of
 * their own chain and answer JSON, so such an error is a bug; without the domain
 * it reaches the framework's uncaughtException handler, which answers 500 and
 * restarts the instance (Node's advice after an uncaught error). A synchronous
 * throw or a rejected promise from the handler is still answered by the
 * framework's crash response, exactly as before.
 *
 * The framework builds each server's handler when it creates the server, after
 * loading the function's module, so importing this from a function's index.ts
 * is early enough. If a framework upgrade moves what this replaces, the
 * framework is left as it is (slower, still correct) and the test that checks
 * `requestDomainSkipped()` fails.
 */
import { createRequire } from 'node:module';

interface FrameworkResponse {
  locals: Record<string, unknown>;
}
type HttpFunction = (req: unknown, res: FrameworkResponse) => unknown;
type RequestHandler = (req: unknown, res: FrameworkResponse) => void;
type WrapUserFunction = ((userFunction: unknown, signatureType: string) => RequestHandler) & { withoutDomain?: true };
interface WrappersModule {
  wrapUserFunction?: WrapUserFunction;
}
interface LoggerModule {
  sendCrashResponse?: (args: { err: unknown; res: FrameworkResponse }) => void;
}

// Resolve the framework's internals exactly as its server does, so we replace what its getServer() calls.
const frameworkRequire = createRequire(createRequire(import.meta.url).resolve('@google-cloud/functions-framework'));

function load<T>(path: string): T | undefined {
  try {
    return frameworkRequire(path) as T;
  } catch {
    return undefined;
  }
}

const wrappers = load<WrappersModule>('./function_wrappers.js');
const sendCrashResponse = load<LoggerModule>('./logger.js')?.sendCrashResponse;

/** The framework's HTTP wrapper (next tick, crash response, finished flag) minus the domain. */
function wrapHttpFunction(execute: HttpFunction, crashResponse: NonNullable<LoggerModule['sendCrashResponse']>): RequestHandler {
  return (req, res) => {
    const crash = (err: unknown): void => {
      if (res.locals.functionExecutionFinished) {
        console.error(`Exception from a finished function: ${String(err)}`);
        return;
      }
      res.locals.functionExecutionFinished = true;
      crashResponse({ err, res });
    };
    process.nextTick(() => {
      try {
        const ret = execute(req, res);
        if (ret instanceof Promise) ret.catch(crash);
      } catch (err) {
        crash(err);
      }
    });
  };
}

const original = wrappers?.wrapUserFunction;
if (wrappers && typeof original === 'function' && !original.withoutDomain && typeof sendCrashResponse === 'function') {
  const replaced: WrapUserFunction = (userFunction, signatureType) =>
    signatureType === 'http' && typeof userFunction === 'function'
      ? wrapHttpFunction(userFunction as HttpFunction, sendCrashResponse)
      : original(userFunction, signatureType);
  wrappers.wrapUserFunction = Object.assign(replaced, { withoutDomain: true as const });
}

/** True when servers the framework creates from now on run HTTP functions without a domain. */
export function requestDomainSkipped(): boolean {
  return wrappers?.wrapUserFunction?.withoutDomain === true;
}
