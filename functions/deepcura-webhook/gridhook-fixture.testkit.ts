// Test-only: the served clinic functions with a connected sandbox practice and the Deep Cura secret set, and
// the helpers the gridhook tests share.
import { createHash } from 'node:crypto';
import type { GridhookCryptoOptions, SandboxPractice } from '../../local/drchrono-sandbox/index.js';
import { DEEPCURA_SECRET_NAME } from '../../shared/deepcura/deepcura-secret.js';
import { startClinicFixture, type ClinicFixture } from '../drchrono-webhook/clinic-fixture.testkit.js';

export const SECRET = 'deepcura-test-shared-secret';
// The runtime's defaults (DEEPCURA_*): scrypt with salt 'salt', IV prefixed, base64.
export const CRYPTO: GridhookCryptoOptions = { secret: SECRET, keyDerivation: 'scrypt', salt: 'salt', iv: 'prefix', encoding: 'base64' };

export interface GridhookFixture {
  f: ClinicFixture;
  practiceId: string;
  practice: SandboxPractice;
  /** POSTs `{encrypted_payload}` to the served function; `key` is the idempotency key it is stored under. */
  postGridhook(encrypted: string, headerSecret?: string): Promise<{ status: number; json: Record<string, unknown>; key: string }>;
  eventByKey(key: string): ReturnType<typeof findEvent>;
  noteOf(eventId: string): ReturnType<typeof findNote>;
}

function findEvent(f: ClinicFixture, key: string) {
  return f.t.rt.db.selectFrom('sync_events').selectAll().where('source', '=', 'deepcura').where('idempotency_key', '=', key).executeTakeFirst();
}

function findNote(f: ClinicFixture, eventId: string) {
  return f.t.rt.db.selectFrom('deepcura_notes').selectAll().where('sync_event_id', '=', eventId).executeTakeFirst();
}

/** Serves drchronoWebhook and deepcuraWebhook (their modules must be imported), with one connected practice. */
export async function startGridhookFixture(): Promise<GridhookFixture> {
  const f = await startClinicFixture(['drchronoWebhook', 'deepcuraWebhook']);
  await f.t.rt.secrets.put(DEEPCURA_SECRET_NAME, SECRET);
  const { practiceId, practice } = await f.connect({ patients: 1 });
  f.useWebhook('hmac');
  return {
    f,
    practiceId,
    practice,
    async postGridhook(encrypted, headerSecret = SECRET) {
      const body = JSON.stringify({ encrypted_payload: encrypted });
      const res = await fetch(`${f.served.deepcuraWebhook?.url}/deepcura-webhook`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-deepcura-secret': headerSecret },
        body,
      });
      return { status: res.status, json: (await res.json()) as Record<string, unknown>, key: `sha256:${createHash('sha256').update(body).digest('hex')}` };
    },
    eventByKey: (key) => findEvent(f, key),
    noteOf: (eventId) => findNote(f, eventId),
  };
}
