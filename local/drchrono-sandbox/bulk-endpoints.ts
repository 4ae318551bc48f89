// POST /api/<kind>_list and GET /api/<kind>_list?uuid= (contract "Backfill").
import type { ApiContext } from './api-context.js';
import type { BulkKind } from './bulk-jobs.js';
import { BadRequest, NOT_FOUND, errorReply, ok, readFields } from './http-io.js';
import type { Reply } from './http-io.js';
import { pageSizeOf, paginate } from './list-paging.js';
import { selectRecords } from './record-queries.js';

const BULK_PAGE = { defaultSize: 100, maxSize: 1000 };

/** True for kinds with a bulk endpoint. */
export function isBulkKind(s: string): s is BulkKind {
  return s === 'patients' || s === 'clinical_notes' || s === 'line_items';
}

/** Starts a job from `{since?, page_size?}` (JSON or form) and answers its uuid. */
export async function bulkCreate(ctx: ApiContext, kind: BulkKind): Promise<Reply> {
  const fields = await readFields(ctx.req);
  const params = new URLSearchParams();
  for (const name of ['since', 'page_size'] as const) {
    const v = fields[name];
    if (v === undefined || v === null) continue;
    if (typeof v !== 'string' && typeof v !== 'number') throw new BadRequest(`${name} must be a string or number`);
    params.set(name, String(v));
  }
  const records = selectRecords(ctx.practice.db, kind, params);
  const uuid = ctx.bulk.create(ctx.practice.id, kind, structuredClone(records), pageSizeOf(params, BULK_PAGE));
  return ok({ uuid });
}

/** Pending for the first polls (fault plan), then the snapshot, paged by cursor. */
export function bulkPoll(ctx: ApiContext, kind: BulkKind): Reply {
  const uuid = ctx.self.searchParams.get('uuid');
  if (uuid === null || uuid === '') return errorReply(400, 'uuid is required.');
  const job = ctx.bulk.find(uuid, ctx.practice.id, kind);
  if (!job) return NOT_FOUND;
  job.polls += 1;
  if (job.polls <= ctx.faults.bulkPendingPolls) return ok({ status: 'Pending', uuid });
  return ok({ status: 'Complete', uuid, ...paginate(job.records, ctx.self, job.pageSize) });
}
