/**
 * The whole body of a request as bytes, the way the Functions Framework's body
 * parsers read it (gzip, deflate and br bodies are inflated, the limit applies
 * to the inflated size), without parsing it: the functions decide what the
 * bytes mean, and webhooks must keep them exactly.
 */
import type { IncomingMessage } from 'node:http';
import type { Readable, Transform } from 'node:stream';
import { createBrotliDecompress, createGunzip, createInflate } from 'node:zlib';

/** Cloud Functions refuses requests over 32 MB before they reach an instance; the same bound here keeps a direct caller in check. */
export const MAX_REQUEST_BODY_BYTES = 32 * 1024 * 1024;

export type BodyReadCode = 'body_too_large' | 'unsupported_content_encoding' | 'bad_body_encoding';

/** A body we will not hand to a function, with the status and JSON error code to answer. */
export class BodyReadError extends Error {
  constructor(
    readonly status: 400 | 413 | 415,
    readonly code: BodyReadCode,
    message: string,
  ) {
    super(message);
    this.name = 'BodyReadError';
  }
}

const DECODERS: Record<string, () => Transform> = {
  gzip: createGunzip,
  'x-gzip': createGunzip,
  deflate: createInflate,
  br: createBrotliDecompress,
};

/**
 * Reads `req` to its end. Rejects with BodyReadError for a body over `limitBytes`
 * (413), a Content-Encoding we cannot decode (415) or one that does not decode
 * (400); with the stream's own error when the client goes away mid-body.
 */
export function readRequestBody(req: IncomingMessage, limitBytes: number = MAX_REQUEST_BODY_BYTES): Promise<Buffer> {
  const encoding = (req.headers['content-encoding'] ?? 'identity').trim().toLowerCase();
  const decoder = encoding === 'identity' || encoding === '' ? undefined : DECODERS[encoding];
  if (encoding !== 'identity' && encoding !== '' && !decoder) {
    req.resume();
    return Promise.reject(new BodyReadError(415, 'unsupported_content_encoding', `Content-Encoding ${encoding.slice(0, 40)} is not supported (use gzip, deflate, br or none)`));
  }
  const declared = Number(req.headers['content-length']);
  if (!decoder && Number.isFinite(declared) && declared > limitBytes) {
    req.resume();
    return Promise.reject(tooLarge(limitBytes));
  }
  const inflater = decoder?.();
  const source: Readable = inflater ? req.pipe(inflater) : req;
  return new Promise<Buffer>((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let settled = false;
    const finish = (err: Error | undefined, body?: Buffer): void => {
      if (settled) return;
      settled = true;
      source.removeListener('data', onData);
      if (err) {
        if (inflater) {
          req.unpipe(inflater);
          inflater.destroy();
        }
        // Let the rest arrive and be dropped, so the answer can still go out on this connection.
        req.resume();
        reject(err);
      } else resolve(body ?? Buffer.alloc(0));
    };
    const onData = (chunk: Buffer): void => {
      size += chunk.length;
      if (size > limitBytes) finish(tooLarge(limitBytes));
      else chunks.push(chunk);
    };
    source.on('data', onData);
    source.once('end', () => finish(undefined, chunks.length === 1 ? chunks[0] : Buffer.concat(chunks, size)));
    if (inflater) inflater.once('error', () => finish(new BodyReadError(400, 'bad_body_encoding', `the body is not valid ${encoding}`)));
    req.once('error', (err) => finish(err));
    // A client that leaves mid-body: 'close' before the body ended.
    req.once('close', () => {
      if (!req.complete) finish(Object.assign(new Error('request aborted before its body ended'), { code: 'ECONNRESET' }));
    });
  });
}

function tooLarge(limitBytes: number): BodyReadError {
  return new BodyReadError(413, 'body_too_large', `body larger than ${limitBytes} bytes`);
}
