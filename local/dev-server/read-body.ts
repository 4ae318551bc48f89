/**
 * Presents a request body as the deployed functions get it
 * (shared/http/plain-request-listener.ts): `req.rawBody` holds the exact bytes,
 * unparsed, read by the same code with the same limit and answers.
 */
import type { NextFunction, Request, Response } from 'express';
import { BodyReadError, readRequestBody } from '../../shared/http/read-request-body.js';

/** Express middleware: reads the whole body into `rawBody`; 413/415/400 JSON when it will not be read. */
export function readBody(req: Request & { rawBody?: Buffer }, res: Response, next: NextFunction): void {
  readRequestBody(req).then(
    (raw) => {
      req.rawBody = raw;
      next();
    },
    (err: unknown) => {
      if (err instanceof BodyReadError) res.status(err.status).json({ error: { code: err.code, message: err.message } });
      else next(err);
    },
  );
}
