/**
 * How Deep Cura encrypts gridhooks is unpublished (contracts/drchrono.md), so
 * every choice is a setting: key derivation, IV placement and text encoding.
 */
import { createHash, scrypt } from 'node:crypto';
import type { Config } from '../config/env-schema.js';
import { AppError } from '../errors/app-error.js';

export interface GridhookCrypto {
  keyDerivation: Config['DEEPCURA_KEY_DERIVATION'];
  scryptSalt: string;
  iv: Config['DEEPCURA_IV'];
  encoding: Config['DEEPCURA_ENCODING'];
}

/** The settings from validated config. */
export function gridhookCryptoFrom(config: Pick<Config, 'DEEPCURA_KEY_DERIVATION' | 'DEEPCURA_SCRYPT_SALT' | 'DEEPCURA_IV' | 'DEEPCURA_ENCODING'>): GridhookCrypto {
  return {
    keyDerivation: config.DEEPCURA_KEY_DERIVATION,
    scryptSalt: config.DEEPCURA_SCRYPT_SALT,
    iv: config.DEEPCURA_IV,
    encoding: config.DEEPCURA_ENCODING,
  };
}

// scrypt is deliberately slow (tens of ms); the secret rarely changes, so keep the last key.
let lastScrypt: { fingerprint: string; key: Buffer } | undefined;

/** The 32-byte AES-256 key from the shared secret; a raw key of the wrong size is a decrypt failure. */
export async function deriveGridhookKey(secret: string, c: Pick<GridhookCrypto, 'keyDerivation' | 'scryptSalt'>): Promise<Buffer> {
  switch (c.keyDerivation) {
    case 'sha256':
      return createHash('sha256').update(secret, 'utf8').digest();
    case 'raw-hex':
      return rawKey(/^[0-9a-fA-F]{64}$/.test(secret.trim()) ? Buffer.from(secret.trim(), 'hex') : Buffer.alloc(0), 'hex');
    case 'raw-base64':
      return rawKey(Buffer.from(secret.trim(), 'base64'), 'base64');
    case 'scrypt': {
      const fingerprint = createHash('sha256').update(c.scryptSalt).update('\0').update(secret).digest('hex');
      if (lastScrypt?.fingerprint === fingerprint) return lastScrypt.key;
      const key = await new Promise<Buffer>((resolve, reject) =>
        scrypt(secret, c.scryptSalt, 32, (err, derived) => (err ? reject(err) : resolve(derived))),
      );
      lastScrypt = { fingerprint, key };
      return key;
    }
  }
}

function rawKey(key: Buffer, encoding: string): Buffer {
  if (key.length !== 32) {
    throw new AppError('permanent', 'decrypt_failed', `decrypt_failed: the shared secret is not a 32-byte ${encoding} key`);
  }
  return key;
}
