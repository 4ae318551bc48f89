/** Upserts a practice and its webhook routes (connecting again updates both). */
import { sql } from 'kysely';
import type { Db } from '../db/create-db.js';

export interface PracticeInput {
  id: string;
  name: string;
  baseUrl: string;
  /** Secret store names, never the secrets themselves. */
  tokenSecretRef: string;
  clientSecretRef: string;
  requestsPerHour: number;
  accessTokenExpiresAt: Date;
  now: Date;
}

/** Inserts or updates the practice (active again after a reconnect); `created` is true when the row is new. */
export async function savePractice(trx: Db, input: PracticeInput): Promise<{ created: boolean }> {
  const row = await trx
    .insertInto('practices')
    .values({
      id: input.id,
      name: input.name,
      base_url: input.baseUrl,
      token_secret_ref: input.tokenSecretRef,
      client_secret_ref: input.clientSecretRef,
      requests_per_hour: input.requestsPerHour,
      status: 'active',
      access_token_expires_at: input.accessTokenExpiresAt,
      created_at: input.now,
      updated_at: input.now,
    })
    .onConflict((oc) =>
      oc.column('id').doUpdateSet((eb) => ({
        name: eb.ref('excluded.name'),
        base_url: eb.ref('excluded.base_url'),
        token_secret_ref: eb.ref('excluded.token_secret_ref'),
        client_secret_ref: eb.ref('excluded.client_secret_ref'),
        requests_per_hour: eb.ref('excluded.requests_per_hour'),
        status: 'active',
        access_token_expires_at: eb.ref('excluded.access_token_expires_at'),
        last_error: null,
        updated_at: eb.ref('excluded.updated_at'),
      })),
    )
    // xmax is 0 only on a freshly inserted row version.
    .returning(sql<boolean>`(xmax = 0)`.as('inserted'))
    .executeTakeFirstOrThrow();
  return { created: row.inserted };
}

/**
 * Makes the practice's routes exactly these doctors and offices. A doctor or
 * office routed to another practice moves here: the latest connect wins.
 */
export async function replacePracticeRoutes(trx: Db, practiceId: string, doctorIds: readonly string[], officeIds: readonly string[]): Promise<void> {
  await trx.deleteFrom('practice_routes').where('practice_id', '=', practiceId).execute();
  const rows = [
    ...doctorIds.map((id) => ({ kind: 'doctor' as const, drchrono_id: id, practice_id: practiceId })),
    ...officeIds.map((id) => ({ kind: 'office' as const, drchrono_id: id, practice_id: practiceId })),
  ];
  if (rows.length === 0) return;
  await trx
    .insertInto('practice_routes')
    .values(rows)
    .onConflict((oc) => oc.columns(['kind', 'drchrono_id']).doUpdateSet((eb) => ({ practice_id: eb.ref('excluded.practice_id') })))
    .execute();
}
