/** The practices with their connection health, for the admin listing (never a token or secret). */
import type { Db } from '../db/create-db.js';
import type { PracticeStatus } from '../db/database.js';

export interface PracticeListing {
  id: string;
  name: string;
  enabled: boolean;
  status: PracticeStatus;
  baseUrl: string;
  requestsPerHour: number;
  accessTokenExpiresAt: string | null;
  lastSuccessAt: string | null;
  lastFullSyncAt: string | null;
  lastError: string | null;
  routes: { doctors: number; offices: number };
}

const iso = (d: Date | null): string | null => (d === null ? null : d.toISOString());

/** Every practice, ordered by id, with how many doctors and offices route to it. */
export async function listPractices(db: Db): Promise<PracticeListing[]> {
  const rows = await db
    .selectFrom('practices as p')
    .select((eb) => [
      'p.id',
      'p.name',
      'p.enabled',
      'p.status',
      'p.base_url',
      'p.requests_per_hour',
      'p.access_token_expires_at',
      'p.last_success_at',
      'p.last_full_sync_at',
      'p.last_error',
      eb.selectFrom('practice_routes as r').whereRef('r.practice_id', '=', 'p.id').where('r.kind', '=', 'doctor').select(eb.fn.countAll<string>().as('n')).as('doctors'),
      eb.selectFrom('practice_routes as r').whereRef('r.practice_id', '=', 'p.id').where('r.kind', '=', 'office').select(eb.fn.countAll<string>().as('n')).as('offices'),
    ])
    .orderBy('p.id')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    enabled: r.enabled,
    status: r.status,
    baseUrl: r.base_url,
    requestsPerHour: r.requests_per_hour,
    accessTokenExpiresAt: iso(r.access_token_expires_at),
    lastSuccessAt: iso(r.last_success_at),
    lastFullSyncAt: iso(r.last_full_sync_at),
    lastError: r.last_error,
    routes: { doctors: Number(r.doctors ?? 0), offices: Number(r.offices ?? 0) },
  }));
}
