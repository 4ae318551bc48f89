import { createDecipheriv, createHash, randomBytes, scryptSync } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildDeepCuraNote, encryptGridhookBytes, encryptGridhookPayload, sendGridhook, startDrChronoSandbox } from './index.js';
import type { DrChronoSandbox, GridhookCryptoOptions, GridhookKeyDerivation } from './index.js';

const RAW_KEY = randomBytes(32);
const SECRETS: Record<GridhookKeyDerivation, string> = {
  scrypt: 'deepcura-shared-secret',
  sha256: 'deepcura-shared-secret',
  'raw-hex': RAW_KEY.toString('hex'),
  'raw-base64': RAW_KEY.toString('base64'),
};

// Decrypts the way a receiver would, straight from node:crypto, independent of the sender's code.
function decrypt(payload: string, o: GridhookCryptoOptions): unknown {
  const key =
    o.keyDerivation === 'scrypt'
      ? scryptSync(o.secret, o.salt ?? 'salt', 32)
      : o.keyDerivation === 'sha256'
        ? createHash('sha256').update(o.secret).digest()
        : RAW_KEY;
  const bytes = Buffer.from(payload, o.encoding);
  const iv = o.iv === 'prefix' ? bytes.subarray(0, 16) : Buffer.alloc(16, 0);
  const body = o.iv === 'prefix' ? bytes.subarray(16) : bytes;
  const d = createDecipheriv('aes-256-cbc', key, iv);
  return JSON.parse(Buffer.concat([d.update(body), d.final()]).toString('utf8'));
}

let sb: DrChronoSandbox;
beforeAll(async () => {
  sb = await startDrChronoSandbox({ now: () => new Date('2024-06-15T12:00:00Z') });
  sb.addPractice({ id: 'dc', seed: 3, doctors: 1, offices: 1, patients: 4 });
});
afterAll(async () => sb.close());

describe('gridhook encryption', () => {
  const combos: GridhookCryptoOptions[] = [];
  for (const keyDerivation of Object.keys(SECRETS) as GridhookKeyDerivation[]) {
    for (const iv of ['prefix', 'zero'] as const) {
      for (const encoding of ['base64', 'hex'] as const) combos.push({ secret: SECRETS[keyDerivation], keyDerivation, iv, encoding });
    }
  }

  it.each(combos)('round-trips with $keyDerivation key, $iv IV, $encoding encoding', (opts) => {
    const note = buildDeepCuraNote(sb.practice('dc'));
    const payload = encryptGridhookPayload(note, opts);
    expect(payload).toMatch(opts.encoding === 'hex' ? /^[0-9a-f]+$/ : /^[A-Za-z0-9+/]+=*$/);
    expect(decrypt(payload, opts)).toEqual(note);
  });

  it('uses the given scrypt salt, so a different salt does not decrypt', () => {
    const opts: GridhookCryptoOptions = { secret: 's', keyDerivation: 'scrypt', salt: 'pepper', iv: 'zero', encoding: 'base64' };
    const payload = encryptGridhookPayload({ a: 1 }, opts);
    expect(decrypt(payload, opts)).toEqual({ a: 1 });
    expect(() => decrypt(payload, { ...opts, salt: 'salt' })).toThrow();
  });

  it('uses a fresh IV per payload when prefixed, and refuses a raw key of the wrong length', () => {
    const opts: GridhookCryptoOptions = { secret: 's', keyDerivation: 'sha256', iv: 'prefix', encoding: 'hex' };
    expect(encryptGridhookPayload({ a: 1 }, opts)).not.toBe(encryptGridhookPayload({ a: 1 }, opts));
    expect(() => encryptGridhookPayload({}, { ...opts, keyDerivation: 'raw-hex', secret: 'abcd' })).toThrow(/32 bytes/);
  });

  it('encrypts raw bytes for bad-JSON tests', () => {
    const opts: GridhookCryptoOptions = { secret: 's', keyDerivation: 'sha256', iv: 'zero', encoding: 'base64' };
    expect(() => decrypt(encryptGridhookBytes(Buffer.from('{not json'), opts), opts)).toThrow(SyntaxError);
  });
});

describe('Deep Cura notes and sending', () => {
  it('builds a note about a real appointment of the practice', () => {
    const appt = sb.practice('dc').data.appointments[1];
    const note = buildDeepCuraNote(sb.practice('dc'), { appointmentId: appt?.id });
    expect(note).toMatchObject({
      appointment_id: appt?.id,
      patient_id: String(appt?.patient),
      doctor_id: String(appt?.doctor),
      session_date: appt?.scheduled_time.slice(0, 10),
      soap: { subjective: expect.any(String) as unknown, objective: expect.any(String) as unknown },
      risk_assessment: { level: expect.stringMatching(/^(low|moderate|high)$/) as unknown },
    });
    expect(note.icd10_codes.map((c) => c.code)).toEqual(appt?.icd10_codes);
    expect(note.cpt_codes[0]?.code).toMatch(/^992\d\d$/);
    expect(note.icd10_codes.every((c) => c.confidence > 0 && c.confidence <= 1)).toBe(true);
  });

  it('builds a patient-only note with no appointment id, and refuses an unknown patient', () => {
    const patient = sb.practice('dc').data.patients[0];
    const note = buildDeepCuraNote(sb.practice('dc'), { patientId: patient?.id, sessionDate: '2024-06-14' });
    expect(note).toMatchObject({ appointment_id: null, patient_id: String(patient?.id), session_date: '2024-06-14' });
    expect(() => buildDeepCuraNote(sb.practice('dc'), { patientId: 1 })).toThrow(/no patient/);
  });

  it('POSTs {"encrypted_payload"} with the x-deepcura-secret header and returns the answer', async () => {
    const seen: { secret?: string; body: string }[] = [];
    const server = createServer((req, res) => {
      let body = '';
      req.on('data', (c: Buffer) => (body += c.toString('utf8')));
      req.on('end', () => {
        seen.push({ secret: req.headers['x-deepcura-secret'] as string | undefined, body });
        res.writeHead(202).end('stored');
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/deepcura-webhook`;
    try {
      const opts: GridhookCryptoOptions = { secret: 'shh', keyDerivation: 'scrypt', iv: 'prefix', encoding: 'base64' };
      const note = buildDeepCuraNote(sb.practice('dc'));
      expect(await sendGridhook({ url, payload: note, ...opts })).toEqual({ status: 202, body: 'stored' });
      await sendGridhook({ url, payload: 'corrupt', headerSecret: 'wrong', ...opts });
      expect(seen[0]?.secret).toBe('shh');
      expect(decrypt((JSON.parse(seen[0]?.body ?? '{}') as { encrypted_payload: string }).encrypted_payload, opts)).toEqual(note);
      expect(seen[1]).toEqual({ secret: 'wrong', body: '{"encrypted_payload":"corrupt"}' });
    } finally {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  });
});
