/**
 * Presents a request body the way the Functions Framework does: `req.rawBody` is the
 * exact bytes (webhook checks need them) and `req.body` the parsed JSON, text or bytes.
 * Unlike the framework, malformed JSON leaves `req.body` undefined so the function
 * itself answers with its JSON 400 naming the problem.
 */
import type { NextFunction, Request, Response } from 'express';

// The Functions Framework's own limit is 32 MB; nothing we host takes more than a few KB.
const MAX_BODY_BYTES = 10 * 1024 * 1024;

/** Parses a raw body by content type: JSON (undefined when malformed), text, or the bytes. */
export function parseBody(raw: Buffer, contentType: string | undefined): unknown {
  if (raw.length === 0) return undefined;
  const type = (contentType ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
  if (type === 'application/json' || type.endsWith('+json')) {
    try {
      return JSON.parse(raw.toString('utf8')) as unknown;
    } catch {
      return undefined;
    }
  }
  if (type.startsWith('text/')) return raw.toString('utf8');
  return raw;
}

/** Express middleware: reads the whole body into `rawBody` and `body`; 413 beyond the limit. */
export function readBody(req: Request & { rawBody?: Buffer }, res: Response, next: NextFunction): void {
  const chunks: Buffer[] = [];
  let size = 0;
  let tooLarge = false;
  req.on('data', (chunk: Buffer) => {
    size += chunk.length;
    if (size > MAX_BODY_BYTES) tooLarge = true;
    else chunks.push(chunk);
  });
  req.on('end', () => {
    if (tooLarge) {
      res.status(413).json({ error: { code: 'invalid_body', message: `body larger than ${MAX_BODY_BYTES} bytes` } });
      return;
    }
    const raw = Buffer.concat(chunks);
    req.rawBody = raw;
    req.body = parseBody(raw, req.headers['content-type']);
    next();
  });
  req.on('error', next);
}
