// Query filters of the list endpoints. `since` is day-granular (contract:
// "treat as day-granular"): a record matches when its updated_at falls on or
// after the given date, whatever time of day the client sent.
import { BadRequest } from './http-io.js';
import { dayOf } from './time.js';

const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** The YYYY-MM-DD of a date or datetime parameter; undefined when absent; 400 when malformed. */
export function dateParam(params: URLSearchParams, name: string): string | undefined {
  const raw = params.get(name);
  if (raw === null || raw === '') return undefined;
  const day = raw.slice(0, 10);
  if (!DATE.test(day) || Number.isNaN(Date.parse(`${day}T00:00:00Z`))) {
    throw new BadRequest(`${name}: enter a valid date/time.`);
  }
  return day;
}

/** `date_range=YYYY-MM-DD/YYYY-MM-DD` as inclusive bounds. */
export function dateRangeParam(params: URLSearchParams): { from: string; to: string } | undefined {
  const raw = params.get('date_range');
  if (raw === null || raw === '') return undefined;
  const [from, to] = raw.split('/');
  if (from === undefined || to === undefined || !DATE.test(from) || !DATE.test(to)) {
    throw new BadRequest('date_range: expected YYYY-MM-DD/YYYY-MM-DD');
  }
  return { from, to };
}

/** True when `since` is absent or the record's updated_at is on or after its date. */
export function updatedSince(record: { updated_at: string }, since: string | undefined): boolean {
  return since === undefined || dayOf(record.updated_at) >= since;
}

/** True when the numeric id parameter is absent or equals the record's field. */
export function matchesId(params: URLSearchParams, name: string, value: number | string | null): boolean {
  const raw = params.get(name);
  return raw === null || raw === '' || String(value) === raw;
}
