/**
 * Onboards (or updates) a pharmacy: checks the DRX key against /heartbeat
 * before storing anything, keeps the key only in the secret store, upserts
 * the pharmacy and its integration, and registers DRX webhooks when we have a
 * public URL. The key is never logged, stored in a table or returned.
 */
import { AppError } from '../errors/app-error.js';
import { describeIssues } from '../http/describe-issues.js';
import { findDrxConnection, saveDrxIntegration, savePharmacy } from '../db/save-pharmacy.js';
import { maskSecret } from '../log/mask.js';
import { drxApiKeySecretName } from '../secrets/secret-store.js';
import { addPharmacyInputSchema, type AddPharmacyInput } from './add-pharmacy-input.js';
import type { AddPharmacyDeps } from './add-pharmacy-deps.js';
import { registerDrxWebhooks, type WebhookRegistration } from './register-drx-webhooks.js';

export interface AddPharmacyResult {
  pharmacyId: string;
  created: boolean;
  /** `****abcd`. */
  keyHint: string;
  webhooks: WebhookRegistration;
}

/** Validates, checks the key with DRX, stores it, upserts the rows and registers webhooks. */
export async function addPharmacy(deps: AddPharmacyDeps, raw: AddPharmacyInput): Promise<AddPharmacyResult> {
  const parsed = addPharmacyInputSchema.safeParse(raw);
  if (!parsed.success) {
    const problems = describeIssues(parsed.error.issues);
    throw new AppError('input', 'invalid_body', problems.join('; '), { problems });
  }
  const input = parsed.data;
  const log = deps.log.child({ pharmacyId: input.id });
  const stored = await findDrxConnection(deps.db, input.id);
  const baseUrl = (input.drxBaseUrl ?? stored?.baseUrl ?? deps.settings.defaultBaseUrl).replace(/\/+$/, '');
  const requestsPerSecond = input.requestsPerSecond ?? stored?.requestsPerSecond ?? deps.settings.defaultRequestsPerSecond;
  const client = deps.drxClient({ pharmacyId: input.id, baseUrl, apiKey: input.apiKey, requestsPerSecond });

  await checkKey(client, input.id);
  const secretRef = drxApiKeySecretName(input.id);
  await deps.secrets.put(secretRef, input.apiKey);
  const { created } = await deps.db.transaction().execute(async (trx) => {
    const saved = await savePharmacy(trx, {
      id: input.id,
      name: input.name,
      enabled: input.enabled,
      syncIntervalMinutes: input.syncIntervalMinutes ?? (stored ? undefined : deps.settings.defaultSyncIntervalMinutes),
    });
    await saveDrxIntegration(trx, {
      pharmacyId: input.id,
      baseUrl,
      secretRef,
      keyLast4: input.apiKey.slice(-4),
      requestsPerSecond,
      heartbeatAt: deps.clock.now(),
    });
    return saved;
  });
  const webhooks = await registerDrxWebhooks(deps, client, input.id);
  log.info('pharmacy onboarded', { created, webhooksRegistered: webhooks.registered });
  return { pharmacyId: input.id, created, keyHint: maskSecret(input.apiKey), webhooks };
}

async function checkKey(client: { heartbeat(signal?: AbortSignal): Promise<unknown> }, pharmacyId: string): Promise<void> {
  try {
    await client.heartbeat();
  } catch (err) {
    if (err instanceof AppError && err.code === 'invalid_drx_key') {
      throw new AppError(
        'input',
        'invalid_drx_key',
        `DRX refused the key (401): check that the key for ${pharmacyId} is current and allowed for this store; nothing was stored`,
        { pharmacyId },
        { cause: err },
      );
    }
    throw err;
  }
}
