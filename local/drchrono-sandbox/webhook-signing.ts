// The two readings of X-drchrono-signature (contract "Webhooks", unresolved):
// the secret token itself, or a hex HMAC-SHA256 of the raw body. The sandbox
// sends whichever a test asks for, so receivers are tested against both.
import { createHmac } from 'node:crypto';

/** Which form the signature header takes. */
export type SignatureMode = 'hmac' | 'secret';

/** Lowercase hex HMAC-SHA256 of `data` keyed with `key`. */
export function hmacHex(key: string, data: string): string {
  return createHmac('sha256', key).update(data, 'utf8').digest('hex');
}

/** The X-drchrono-signature value for a raw body. */
export function signatureFor(mode: SignatureMode, secretToken: string, rawBody: string): string {
  return mode === 'hmac' ? hmacHex(secretToken, rawBody) : secretToken;
}
