// Deep Cura's side of a gridhook (contract "Deep Cura gridhooks"): AES-256-CBC
// over the JSON note, with the key derivation, IV placement and encoding the
// contract keeps configurable, POSTed as {"encrypted_payload": ...} with the
// shared secret in x-deepcura-secret.
import { createCipheriv, createHash, randomBytes, scryptSync } from 'node:crypto';

/** How the AES key comes from the secret. */
export type GridhookKeyDerivation = 'scrypt' | 'sha256' | 'raw-hex' | 'raw-base64';

/** Encryption settings; they must match the receiver's DEEPCURA_* config. */
export interface GridhookCryptoOptions {
  secret: string;
  keyDerivation: GridhookKeyDerivation;
  /** scrypt salt (default 'salt', as in the sync plan). */
  salt?: string;
  /** 'prefix': a random IV before the ciphertext; 'zero': sixteen zero bytes, not sent. */
  iv: 'prefix' | 'zero';
  encoding: 'base64' | 'hex';
}

/** The 32-byte AES key for the options; throws when a raw key is not 32 bytes. */
export function gridhookKey(opts: Pick<GridhookCryptoOptions, 'secret' | 'keyDerivation' | 'salt'>): Buffer {
  switch (opts.keyDerivation) {
    case 'scrypt':
      return scryptSync(opts.secret, opts.salt ?? 'salt', 32);
    case 'sha256':
      return createHash('sha256').update(opts.secret, 'utf8').digest();
    case 'raw-hex':
    case 'raw-base64': {
      const key = Buffer.from(opts.secret, opts.keyDerivation === 'raw-hex' ? 'hex' : 'base64');
      if (key.length !== 32) throw new Error(`a ${opts.keyDerivation} secret must decode to 32 bytes, got ${key.length}`);
      return key;
    }
  }
}

/** Encrypts a plaintext object (JSON) into the encrypted_payload string. */
export function encryptGridhookPayload(plaintext: object, opts: GridhookCryptoOptions): string {
  return encryptGridhookBytes(Buffer.from(JSON.stringify(plaintext), 'utf8'), opts);
}

/** Encrypts raw bytes (e.g. deliberately invalid JSON, for bad-path tests). */
export function encryptGridhookBytes(plain: Buffer, opts: GridhookCryptoOptions): string {
  const iv = opts.iv === 'prefix' ? randomBytes(16) : Buffer.alloc(16, 0);
  const cipher = createCipheriv('aes-256-cbc', gridhookKey(opts), iv); // PKCS#7 padding is Node's default
  const body = Buffer.concat([cipher.update(plain), cipher.final()]);
  const out = opts.iv === 'prefix' ? Buffer.concat([iv, body]) : body;
  return out.toString(opts.encoding);
}

/** What sendGridhook posts. */
export interface SendGridhookOptions extends GridhookCryptoOptions {
  url: string;
  /** The x-deepcura-secret header (default: `secret`); pass another value to test a wrong one. */
  headerSecret?: string;
  /** A note object to encrypt, or an already encrypted_payload string (e.g. corrupt on purpose). */
  payload: object | string;
}

/** POSTs one gridhook and returns the receiver's answer. */
export async function sendGridhook(opts: SendGridhookOptions): Promise<{ status: number; body: string }> {
  const encrypted = typeof opts.payload === 'string' ? opts.payload : encryptGridhookPayload(opts.payload, opts);
  const res = await fetch(opts.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-deepcura-secret': opts.headerSecret ?? opts.secret },
    body: JSON.stringify({ encrypted_payload: encrypted }),
    signal: AbortSignal.timeout(10_000),
  });
  return { status: res.status, body: await res.text() };
}
