// The DrChrono API endpoints of one practice, once auth, budget and faults
// have let the request through.
import type { ApiContext } from './api-context.js';
import { bulkCreate, bulkPoll, isBulkKind } from './bulk-endpoints.js';
import { NOT_FOUND, errorReply, ok } from './http-io.js';
import type { Reply } from './http-io.js';
import { pageSizeOf, pageSizeRule, paginate } from './list-paging.js';
import { LIST_KINDS, patientView, selectRecords } from './record-queries.js';
import type { ListKind } from './record-queries.js';
import type { RequestPath } from './fault-state.js';

const DETAIL = /^\/api\/(doctors|offices|patients|appointments|clinical_notes|medications|problems|allergies|line_items)\/([^/]+)$/;
const BULK = /^\/api\/(patients|clinical_notes|line_items)_list$/;

/** Maps a request path to its route pattern, e.g. '/api/patients/7' → '/api/patients/:id'; drops a trailing slash. */
export function routeOf(pathname: string): RequestPath {
  const literal = pathname.length > 1 ? pathname.replace(/\/+$/, '') : pathname;
  return { literal, route: literal.replace(DETAIL, '/api/$1/:id') };
}

function isListKind(s: string): s is ListKind {
  return (LIST_KINDS as readonly string[]).includes(s);
}

function detail(ctx: ApiContext, kind: string, id: string): Reply {
  const db = ctx.practice.db;
  const n = Number(id);
  const verbose = ctx.self.searchParams.get('verbose') === 'true';
  const found: unknown = (() => {
    switch (kind) {
      case 'doctors':
        return db.doctors.find((d) => d.id === n);
      case 'offices':
        return db.offices.find((o) => o.id === n);
      case 'patients': {
        const p = db.patients.get(n);
        return p && patientView(db, p, verbose);
      }
      case 'appointments':
        return db.appointments.get(id);
      case 'clinical_notes':
        return db.clinicalNotes.get(n);
      case 'medications':
        return db.medications.get(n);
      case 'problems':
        return db.problems.get(n);
      case 'allergies':
        return db.allergies.get(n);
      case 'line_items':
        return db.lineItems.get(n);
      default:
        return undefined;
    }
  })();
  return found === undefined ? NOT_FOUND : ok(found);
}

/** Answers one API request. */
export async function routeApi(ctx: ApiContext, path: RequestPath): Promise<Reply> {
  const method = ctx.req.method ?? 'GET';
  const bulk = BULK.exec(path.literal);
  if (bulk?.[1] !== undefined && isBulkKind(bulk[1])) {
    if (method === 'POST') return bulkCreate(ctx, bulk[1]);
    if (method === 'GET') return bulkPoll(ctx, bulk[1]);
  }
  if (method !== 'GET') return errorReply(405, `Method "${method}" not allowed.`);
  if (path.literal === '/api/users/current') return ok(ctx.practice.db.user);
  const one = DETAIL.exec(path.literal);
  if (one?.[1] !== undefined && one[2] !== undefined) return detail(ctx, one[1], one[2]);
  const kind = path.literal.slice('/api/'.length);
  if (!path.literal.startsWith('/api/') || !isListKind(kind)) return NOT_FOUND;
  const params = ctx.self.searchParams;
  const records = selectRecords(ctx.practice.db, kind, params);
  return ok(paginate(records, ctx.self, pageSizeOf(params, pageSizeRule(params))));
}
