/**
 * Test-only: a function for the framework's own CLI to load (register-http-function.test.ts),
 * answering what the host handed it, so the test can tell which server ran it.
 */
import { registerHttpFunction } from './register-http-function.js';
import { sendJson } from './send-json.js';

/** Target name the test passes to the CLI. */
export const PLAIN_HOST_PROBE = 'plainHostProbe';

registerHttpFunction(PLAIN_HOST_PROBE, (req, res) => {
  sendJson(res, 200, {
    rawBody: Buffer.isBuffer(req.rawBody) ? req.rawBody.toString('utf8') : null,
    parsedBody: req.body === undefined ? null : 'set',
    expressHelpers: typeof (req as { get?: unknown }).get === 'function',
  });
});
