/** Opens a gridhook's `encrypted_payload` (AES-256-CBC); every failure is a permanent `decrypt_failed` AppError. */
import { createDecipheriv } from 'node:crypto';
import { AppError } from '../errors/app-error.js';
import { deriveGridhookKey, type GridhookCrypto } from './gridhook-crypto.js';

const BLOCK = 16;
const BASE64 = /^[A-Za-z0-9+/_-]+={0,2}$/;
const HEX = /^(?:[0-9a-fA-F]{2})+$/;

/** The plaintext bytes of `encoded` under `secret` and the configured key, IV and encoding. */
export async function decryptGridhook(encoded: string, secret: string, c: GridhookCrypto): Promise<Buffer> {
  const bytes = decode(encoded.replace(/\s+/g, ''), c.encoding);
  const key = await deriveGridhookKey(secret, c);
  const iv = c.iv === 'prefix' ? bytes.subarray(0, BLOCK) : Buffer.alloc(BLOCK, 0);
  const body = c.iv === 'prefix' ? bytes.subarray(BLOCK) : bytes;
  if (c.iv === 'prefix' && iv.length < BLOCK) fail('ciphertext is shorter than its 16-byte IV');
  if (body.length === 0 || body.length % BLOCK !== 0) fail('ciphertext length is not a positive multiple of 16 bytes');
  try {
    const decipher = createDecipheriv('aes-256-cbc', key, iv);
    return Buffer.concat([decipher.update(body), decipher.final()]);
  } catch {
    // OpenSSL only says "bad decrypt": wrong key, wrong IV mode, or corrupt bytes look the same.
    return fail('bad padding (wrong key, IV mode or corrupt ciphertext)');
  }
}

function decode(text: string, encoding: GridhookCrypto['encoding']): Buffer {
  // Buffer.from skips characters it does not know; validate first so garbage is named, not half-decoded.
  if (text === '') fail('encrypted_payload is empty');
  if (encoding === 'hex') {
    if (!HEX.test(text)) fail('encrypted_payload is not hex');
    return Buffer.from(text, 'hex');
  }
  if (!BASE64.test(text)) fail('encrypted_payload is not base64');
  return Buffer.from(text, 'base64');
}

function fail(reason: string): never {
  throw new AppError('permanent', 'decrypt_failed', `decrypt_failed: ${reason}`);
}
