/** Parses and validates a JSON request body into a typed value, or a 400 naming the problem. */
import type { z } from 'zod';
import { AppError } from '../errors/app-error.js';
import type { HttpRequest } from './http-types.js';
import { describeIssues } from './describe-issues.js';

/**
 * Reads the body as JSON: from `req.rawBody` when present (the exact bytes),
 * else from what a parser left in `req.body`. An empty body is `{}`, so
 * endpoints whose fields are all optional accept a bare POST.
 */
export function parseJsonBody(req: HttpRequest): unknown {
  const text = bodyText(req);
  if (text === undefined) return req.body === undefined ? {} : req.body;
  if (text.trim() === '') return {};
  try {
    return JSON.parse(text) as unknown;
  } catch {
    // The parser's message quotes the body (possibly PHI): never pass it on.
    throw new AppError('input', 'bad_json', 'body is not valid JSON');
  }
}

/** Parses the body and validates it against `schema`: AppError bad_json or invalid_body ("pharmacyId: required"). */
export function readJsonBody<S extends z.ZodType>(req: HttpRequest, schema: S): z.output<S> {
  const parsed = schema.safeParse(parseJsonBody(req));
  if (!parsed.success) {
    const problems = describeIssues(parsed.error.issues);
    throw new AppError('input', 'invalid_body', problems.join('; '), { problems });
  }
  return parsed.data;
}

function bodyText(req: HttpRequest): string | undefined {
  if (Buffer.isBuffer(req.rawBody)) return req.rawBody.toString('utf8');
  if (Buffer.isBuffer(req.body)) return req.body.toString('utf8');
  if (typeof req.body === 'string') return req.body;
  return undefined;
}
