/** Which secret authenticates a pharmacy's DRX webhooks. */
import type { Db } from './create-db.js';

/** `{ secretRef }` (null when webhooks were never registered), or undefined for an unknown pharmacy. */
export async function findWebhookSecretRef(db: Db, pharmacyId: string): Promise<{ secretRef: string | null } | undefined> {
  const row = await db
    .selectFrom('pharmacies as p')
    .leftJoin('pharmacy_integrations as i', (j) => j.onRef('i.pharmacy_id', '=', 'p.id').on('i.system', '=', 'drx'))
    .select(['p.id', 'i.webhook_secret_ref'])
    .where('p.id', '=', pharmacyId)
    .executeTakeFirst();
  return row ? { secretRef: row.webhook_secret_ref } : undefined;
}
