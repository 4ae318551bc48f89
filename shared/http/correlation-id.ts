/** Picks the id that ties a request's log lines and rows together. */
import { randomUUID } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';

// Only ids of a sane shape are adopted, so a caller cannot inject text into logs.
const SAFE_ID = /^[A-Za-z0-9._:-]{1,128}$/;

/** `X-Correlation-Id`, else the trace id of `X-Cloud-Trace-Context` ("TRACE/SPAN;o=1"), else a random UUID. */
export function correlationIdOf(headers: IncomingHttpHeaders, newId: () => string = randomUUID): string {
  const explicit = single(headers['x-correlation-id']);
  if (explicit && SAFE_ID.test(explicit)) return explicit;
  const trace = single(headers['x-cloud-trace-context'])?.split('/')[0];
  if (trace && SAFE_ID.test(trace)) return trace;
  return newId();
}

function single(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}
