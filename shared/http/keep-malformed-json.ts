/**
 * Lets a body that claims to be JSON but does not parse reach our handler.
 *
 * The Functions Framework parses JSON bodies with body-parser before calling
 * a function; on a parse error Express answers an HTML 400 itself and logs the
 * error stack, whose message can quote part of the body (possible PHI). We
 * want our own JSON 400 naming the problem, and webhooks must store the raw
 * body before judging it. body-parser keeps `req.rawBody` (the framework's
 * `verify` hook runs before parsing), so we wrap its JSON parser: a parse
 * failure becomes "no parsed body" and the request continues to the function,
 * where readJsonBody/parseJsonBody answer `bad_json`.
 *
 * The framework builds its parsers when it creates the server, after loading
 * the function's module, so importing this module from a function's index.ts
 * is early enough.
 */
import { createRequire } from 'node:module';

interface ParseError extends Error {
  type?: string;
}
type Next = (err?: unknown) => void;
type Middleware = (req: { body?: unknown }, res: unknown, next: Next) => void;
interface BodyParserModule {
  json: ((options?: unknown) => Middleware) & { keepsMalformed?: true };
}

// Resolve body-parser exactly as the framework does, so we patch its instance.
const frameworkRequire = createRequire(createRequire(import.meta.url).resolve('@google-cloud/functions-framework'));
const bodyParser = frameworkRequire('body-parser') as BodyParserModule;

if (!bodyParser.json.keepsMalformed) {
  const original = bodyParser.json;
  const patched = (options?: unknown): Middleware => {
    const parse = original(options);
    return (req, res, next) =>
      parse(req, res, (err?: unknown) => {
        if ((err as ParseError | undefined)?.type === 'entity.parse.failed') {
          req.body = undefined;
          return next();
        }
        return next(err);
      });
  };
  bodyParser.json = Object.assign(patched, { keepsMalformed: true as const });
}
