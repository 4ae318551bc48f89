import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { encryptGridhookPayload } from '../../local/drchrono-sandbox/index.js';
import { DEEPCURA_SECRET_NAME } from '../../shared/deepcura/deepcura-secret.js';
import { TEST_ADMIN_TOKEN } from '../../shared/runtime/test-runtime.testkit.js';
import { startClinicFixture, type ClinicFixture } from '../drchrono-webhook/clinic-fixture.testkit.js';
import '../deepcura-webhook/index.js';
import './index.js';

const SECRET = 'deepcura-notes-test-secret';
let f: ClinicFixture;
let eventId: string;
const marker = `unlinked-${Date.now()}`;

beforeAll(async () => {
  f = await startClinicFixture(['deepcuraWebhook', 'deepcuraNotes']);
  await f.t.rt.secrets.put(DEEPCURA_SECRET_NAME, SECRET);
  const encrypted = encryptGridhookPayload(
    { appointment_id: `A${Date.now()}`, patient_id: 77, session_date: '2026-04-01', transcript: marker },
    { secret: SECRET, keyDerivation: 'scrypt', iv: 'prefix', encoding: 'base64' },
  );
  const res = await fetch(`${f.served.deepcuraWebhook?.url}/deepcura-webhook`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-deepcura-secret': SECRET },
    body: JSON.stringify({ encrypted_payload: encrypted }),
  });
  eventId = ((await res.json()) as { eventId: string }).eventId;
});

afterAll(async () => {
  await f.close();
});

function list(query: string, token: string | null = TEST_ADMIN_TOKEN): Promise<Response> {
  return fetch(`${f.served.deepcuraNotes?.url}/deepcura-notes${query}`, { headers: token ? { authorization: `Bearer ${token}` } : {} });
}

describe('deepcuraNotes', () => {
  it('lists unlinked notes with ids and dates, never their text', async () => {
    const res = await list('?unlinked=true&limit=500');
    expect(res.status).toBe(200);
    const body = (await res.json()) as { notes: Record<string, unknown>[] };
    const ours = body.notes.find((n) => n.syncEventId === eventId);
    expect(ours).toMatchObject({ sessionDate: '2026-04-01', patientId: '77', clinicalNoteId: null, linkMethod: null });
    expect(body.notes.every((n) => n.clinicalNoteId === null)).toBe(true);
    expect(JSON.stringify(body)).not.toContain(marker);
    expect(Object.keys(ours ?? {})).not.toContain('transcript');
  });

  it('honours the limit', async () => {
    const body = (await (await list('?limit=1')).json()) as { notes: unknown[] };
    expect(body.notes).toHaveLength(1);
  });

  it('refuses a caller without admin credentials', async () => {
    expect((await list('', null)).status).toBe(401);
  });

  it.each(['?limit=0', '?limit=501', '?unlinked=maybe'])('answers 400 for %s', async (query) => {
    const res = await list(query);
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe('invalid_query');
  });
});
