import { createCipheriv, createHash, randomBytes, scryptSync } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { encryptGridhookBytes } from '../../local/drchrono-sandbox/gridhook-sender.js';
import { AppError } from '../errors/app-error.js';
import { decryptGridhook } from './decrypt-gridhook.js';
import type { GridhookCrypto } from './gridhook-crypto.js';

const plaintext = Buffer.from('{"session_date":"2026-01-05","transcript":"hello"}');
const passphrase = 'deepcura-shared-secret-value';
const rawKey = randomBytes(32);

/** Encrypts the way each setting says Deep Cura might, independently of the code under test. */
function encrypt(c: GridhookCrypto, secret: string): string {
  const key =
    c.keyDerivation === 'scrypt'
      ? scryptSync(secret, c.scryptSalt, 32)
      : c.keyDerivation === 'sha256'
        ? createHash('sha256').update(secret).digest()
        : Buffer.from(secret, c.keyDerivation === 'raw-hex' ? 'hex' : 'base64');
  const iv = c.iv === 'prefix' ? randomBytes(16) : Buffer.alloc(16, 0);
  const cipher = createCipheriv('aes-256-cbc', key, iv);
  const body = Buffer.concat([cipher.update(plaintext), cipher.final()]);
  return (c.iv === 'prefix' ? Buffer.concat([iv, body]) : body).toString(c.encoding);
}

const secretFor = (c: GridhookCrypto): string =>
  c.keyDerivation === 'raw-hex' ? rawKey.toString('hex') : c.keyDerivation === 'raw-base64' ? rawKey.toString('base64') : passphrase;

const settings: GridhookCrypto[] = [];
for (const keyDerivation of ['scrypt', 'sha256', 'raw-hex', 'raw-base64'] as const) {
  for (const iv of ['prefix', 'zero'] as const) {
    for (const encoding of ['base64', 'hex'] as const) settings.push({ keyDerivation, scryptSalt: 'pepper', iv, encoding });
  }
}

async function reason(p: Promise<unknown>): Promise<string> {
  const err: unknown = await p.then(() => undefined, (e: unknown) => e);
  if (!(err instanceof AppError)) throw new Error('expected an AppError');
  expect(err.code).toBe('decrypt_failed');
  expect(err.kind).toBe('permanent');
  return err.message;
}

describe('decryptGridhook', () => {
  it.each(settings)('decrypts with $keyDerivation key, $iv IV, $encoding text', async (c) => {
    const secret = secretFor(c);
    expect((await decryptGridhook(encrypt(c, secret), secret, c)).equals(plaintext)).toBe(true);
  });

  // The local sender is Deep Cura's side, written independently: every setting must open what it sends.
  it.each(settings)('opens what the local sender encrypts with $keyDerivation key, $iv IV, $encoding text', async (c) => {
    const secret = secretFor(c);
    const encoded = encryptGridhookBytes(plaintext, { secret, keyDerivation: c.keyDerivation, salt: c.scryptSalt, iv: c.iv, encoding: c.encoding });
    expect((await decryptGridhook(encoded, secret, c)).equals(plaintext)).toBe(true);
  });

  it('does not decrypt under another scrypt salt', async () => {
    const c: GridhookCrypto = { keyDerivation: 'scrypt', scryptSalt: 'one', iv: 'prefix', encoding: 'base64' };
    const encoded = encrypt(c, passphrase);
    const other = await decryptGridhook(encoded, passphrase, { ...c, scryptSalt: 'two' }).then(
      (b) => b.equals(plaintext),
      () => false,
    );
    expect(other).toBe(false);
  });

  it('names a wrong key as bad padding', async () => {
    const c: GridhookCrypto = { keyDerivation: 'sha256', scryptSalt: 'x', iv: 'zero', encoding: 'base64' };
    // A longer plaintext makes an accidental valid padding (1 in 256) irrelevant: we assert the message only on failure.
    const encoded = encrypt(c, passphrase);
    const outcome = await decryptGridhook(encoded, 'another secret', c).then(
      (b) => (b.equals(plaintext) ? 'decrypted' : 'garbage'),
      (e: unknown) => (e instanceof AppError ? e.message : 'other'),
    );
    expect(outcome).not.toBe('decrypted');
    if (outcome !== 'garbage') expect(outcome).toBe('decrypt_failed: bad padding (wrong key, IV mode or corrupt ciphertext)');
  });

  it.each([
    ['not base64 at all', '!!!not base64!!!', 'base64', 'decrypt_failed: encrypted_payload is not base64'],
    ['not hex', 'zz11', 'hex', 'decrypt_failed: encrypted_payload is not hex'],
    ['empty', '', 'base64', 'decrypt_failed: encrypted_payload is empty'],
    ['too short for its IV', Buffer.alloc(8).toString('base64'), 'base64', 'decrypt_failed: ciphertext is shorter than its 16-byte IV'],
    ['not whole blocks', Buffer.alloc(16 + 20).toString('base64'), 'base64', 'decrypt_failed: ciphertext length is not a positive multiple of 16 bytes'],
  ] as const)('refuses a payload that is %s', async (_label, encoded, encoding, message) => {
    const c: GridhookCrypto = { keyDerivation: 'sha256', scryptSalt: 'x', iv: 'prefix', encoding };
    expect(await reason(decryptGridhook(encoded, passphrase, c))).toBe(message);
  });

  it('refuses a raw key that is not 32 bytes', async () => {
    const c: GridhookCrypto = { keyDerivation: 'raw-hex', scryptSalt: 'x', iv: 'zero', encoding: 'base64' };
    expect(await reason(decryptGridhook(Buffer.alloc(32).toString('base64'), 'abcd', c))).toBe(
      'decrypt_failed: the shared secret is not a 32-byte hex key',
    );
  });
});
