/**
 * DrChrono webhook authentication. The reference calls X-drchrono-signature
 * "the secret token", while some public receivers compare it to a hex
 * HMAC-SHA256 of the raw body (contracts/drchrono.md, marked verify): we accept
 * either, always computing both comparisons so timing reveals neither.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import type { SignatureForm } from '../db/database.js';
import { timingSafeEqualStrings } from '../http/timing-safe-equal.js';

/** Secret store name of the webhook secret token (one API application serves every practice). */
export const DRCHRONO_WEBHOOK_SECRET_NAME = 'drchrono-webhook-secret';

/** Lowercase hex HMAC-SHA256 of `data` keyed with `secret`. */
export function hmacHex(secret: string, data: string | Buffer): string {
  return createHmac('sha256', secret).update(data).digest('hex');
}

/** The verification handshake answer: `{"secret_token": hmac(msg)}`. */
export function handshakeToken(secret: string, msg: string): string {
  return hmacHex(secret, msg);
}

/** Which accepted form `signature` matches, or null (missing, empty or wrong). */
export function matchSignature(signature: string | undefined, rawBody: Buffer, secret: string): SignatureForm | null {
  const given = signature?.trim() ?? '';
  // Both comparisons always run: no early exit tells a caller which one failed. The token goes through the
  // shared comparison (its length is secret); the HMAC is compared directly, since every hex HMAC-SHA256 is
  // 64 characters long and hashing both sides first would only add work on every delivery.
  const asToken = timingSafeEqualStrings(given, secret);
  const expected = Buffer.from(hmacHex(secret, rawBody), 'latin1');
  const givenHex = Buffer.from(given.toLowerCase(), 'utf8');
  const asHmac = givenHex.length === expected.length && timingSafeEqual(givenHex, expected);
  if (given === '' || secret === '') return null;
  if (asHmac) return 'hmac_sha256';
  if (asToken) return 'secret_token';
  return null;
}
