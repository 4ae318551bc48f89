/** Upserts a pharmacy and its DRX integration row (onboarding; adding again updates). */
import { sql } from 'kysely';
import type { Db } from './create-db.js';

export interface PharmacyInput {
  id: string;
  name: string;
  /** Undefined keeps the stored value (or the column default on insert). */
  enabled?: boolean;
  syncIntervalMinutes?: number;
}

export interface DrxIntegrationInput {
  pharmacyId: string;
  baseUrl: string;
  /** The secret store name holding the key, never the key itself. */
  secretRef: string;
  keyLast4: string;
  requestsPerSecond: number;
  heartbeatAt: Date;
}

/** Inserts or updates the pharmacy; `created` is true when the row is new. */
export async function savePharmacy(trx: Db, input: PharmacyInput): Promise<{ created: boolean }> {
  const row = await trx
    .insertInto('pharmacies')
    .values({
      id: input.id,
      name: input.name,
      ...(input.enabled === undefined ? {} : { enabled: input.enabled }),
      ...(input.syncIntervalMinutes === undefined ? {} : { sync_interval_minutes: input.syncIntervalMinutes }),
    })
    .onConflict((oc) =>
      oc.column('id').doUpdateSet((eb) => ({
        name: eb.ref('excluded.name'),
        enabled: input.enabled === undefined ? eb.ref('pharmacies.enabled') : eb.ref('excluded.enabled'),
        sync_interval_minutes:
          input.syncIntervalMinutes === undefined
            ? eb.ref('pharmacies.sync_interval_minutes')
            : eb.ref('excluded.sync_interval_minutes'),
        updated_at: sql<Date>`now()`,
      })),
    )
    .returning(sql<boolean>`(xmax = 0)`.as('inserted'))
    .executeTakeFirstOrThrow();
  return { created: row.inserted };
}

/** Inserts or updates the pharmacy's DRX integration as active with a freshly checked key. */
export async function saveDrxIntegration(trx: Db, input: DrxIntegrationInput): Promise<void> {
  await trx
    .insertInto('pharmacy_integrations')
    .values({
      pharmacy_id: input.pharmacyId,
      system: 'drx',
      base_url: input.baseUrl,
      status: 'active',
      secret_ref: input.secretRef,
      key_last4: input.keyLast4,
      webhook_secret_ref: null,
      webhooks_registered_at: null,
      requests_per_second: input.requestsPerSecond,
      last_heartbeat_at: input.heartbeatAt,
      last_success_at: null,
      last_full_sync_at: null,
      last_error: null,
    })
    .onConflict((oc) =>
      oc.columns(['pharmacy_id', 'system']).doUpdateSet((eb) => ({
        base_url: eb.ref('excluded.base_url'),
        status: 'active',
        secret_ref: eb.ref('excluded.secret_ref'),
        key_last4: eb.ref('excluded.key_last4'),
        requests_per_second: eb.ref('excluded.requests_per_second'),
        last_heartbeat_at: eb.ref('excluded.last_heartbeat_at'),
        last_error: null,
        updated_at: sql<Date>`now()`,
      })),
    )
    .execute();
}

/** Records that DRX now sends this pharmacy's webhooks with the secret named `webhookSecretRef`. */
export async function markWebhooksRegistered(db: Db, pharmacyId: string, webhookSecretRef: string, at: Date): Promise<void> {
  await db
    .updateTable('pharmacy_integrations')
    .set({ webhook_secret_ref: webhookSecretRef, webhooks_registered_at: at, updated_at: at })
    .where('pharmacy_id', '=', pharmacyId)
    .where('system', '=', 'drx')
    .execute();
}

/** The stored base URL and rate of a pharmacy's DRX integration, or undefined when it has none. */
export async function findDrxConnection(
  db: Db,
  pharmacyId: string,
): Promise<{ baseUrl: string; requestsPerSecond: number } | undefined> {
  const row = await db
    .selectFrom('pharmacy_integrations')
    .select(['base_url', 'requests_per_second'])
    .where('pharmacy_id', '=', pharmacyId)
    .where('system', '=', 'drx')
    .executeTakeFirst();
  return row ? { baseUrl: row.base_url, requestsPerSecond: row.requests_per_second } : undefined;
}
