// Parses limit/offset/after_date/before_date the way DRX answers them:
// limit defaults to 10 and may not exceed 100.
import { BadRequest } from './http-io.js';

export const DEFAULT_LIMIT = 10;
export const MAX_LIMIT = 100;

/** A validated page request; dates are epoch ms, exclusive bounds. */
export interface PageQuery {
  limit: number;
  offset: number;
  afterMs: number | undefined;
  beforeMs: number | undefined;
}

function nonNegativeInt(params: URLSearchParams, name: string, fallback: number): number {
  const raw = params.get(name);
  if (raw === null) return fallback;
  if (!/^\d+$/.test(raw)) throw new BadRequest(`${name} must be a non-negative integer`);
  return Number(raw);
}

const ISO_8601 = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?$/;

// Accepts YYYY-MM-DD or an ISO-8601 datetime; a datetime without a zone is read
// as UTC so answers do not depend on the host's time zone. An unencoded '+'
// arrives as a space (form encoding), so it is put back.
function isoDate(params: URLSearchParams, name: string): number | undefined {
  const raw = params.get(name)?.replace(/ (\d{2}:?\d{2})$/, '+$1');
  if (raw === undefined) return undefined;
  const zoned = /T[^Z+-]*$/.test(raw) ? `${raw}Z` : raw;
  const ms = ISO_8601.test(raw) ? Date.parse(zoned) : NaN;
  if (Number.isNaN(ms)) throw new BadRequest(`${name} must be an ISO-8601 date`);
  return ms;
}

/** Reads a page request; throws BadRequest naming the bad parameter. */
export function parsePageQuery(params: URLSearchParams, withDates: boolean): PageQuery {
  const limit = nonNegativeInt(params, 'limit', DEFAULT_LIMIT);
  if (limit < 1 || limit > MAX_LIMIT) throw new BadRequest(`limit must be between 1 and ${MAX_LIMIT}`);
  return {
    limit,
    offset: nonNegativeInt(params, 'offset', 0),
    afterMs: withDates ? isoDate(params, 'after_date') : undefined,
    beforeMs: withDates ? isoDate(params, 'before_date') : undefined,
  };
}
