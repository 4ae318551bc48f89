/** Path and query of a request, independent of how the server parsed them. */
import type { HttpRequest } from './http-types.js';

function parsed(req: HttpRequest): URL {
  // The base only makes a relative url parseable; its host is never used.
  return new URL(req.url ?? '/', 'http://localhost');
}

/** The last non-empty path segment, decoded: `/drx-webhook/ph_1` and `/ph_1` both give `ph_1`. */
export function lastPathSegment(req: HttpRequest): string | undefined {
  const segments = parsed(req).pathname.split('/').filter(Boolean);
  const last = segments.at(-1);
  if (last === undefined) return undefined;
  try {
    return decodeURIComponent(last);
  } catch {
    return undefined;
  }
}

/** The path without query, e.g. `/pharmacies`. */
export function requestPath(req: HttpRequest): string {
  return parsed(req).pathname;
}

/** One query parameter (the first when repeated), or undefined. */
export function queryParam(req: HttpRequest, name: string): string | undefined {
  return parsed(req).searchParams.get(name) ?? undefined;
}
