/** The exact bytes of a request body, whoever parsed it first. */
import type { HttpRequest } from '../../shared/http/http-types.js';

/**
 * The Functions Framework and our dev server keep the bytes in rawBody (the
 * signature is over them); the fallbacks serve hosts that parsed the body without keeping them.
 */
export function rawBodyOf(req: HttpRequest): Buffer {
  if (Buffer.isBuffer(req.rawBody)) return req.rawBody;
  if (Buffer.isBuffer(req.body)) return req.body;
  if (typeof req.body === 'string') return Buffer.from(req.body, 'utf8');
  return Buffer.from(req.body === undefined ? '' : JSON.stringify(req.body), 'utf8');
}
