// NPI helpers for generating sandbox data. Production validation lives in
// shared/drx and is written independently on purpose, so a shared bug cannot
// make both agree.
import type { Prng } from './prng.js';

// The NPI check digit is a Luhn digit over the ISO prefix 80840 plus the
// first nine digits (CMS, "NPI check digit" standard).
const NPI_PREFIX = '80840';

function luhnCheckDigit(payload: string): number {
  let sum = 0;
  // Walk right to left; the rightmost payload digit is doubled because the
  // check digit will be appended after it.
  for (let i = payload.length - 1, double = true; i >= 0; i--, double = !double) {
    let d = payload.charCodeAt(i) - 48;
    if (double) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return (10 - (sum % 10)) % 10;
}

/** True when `npi` is ten digits whose last one is the Luhn check over 80840 + the first nine. */
export function isValidNpi(npi: string): boolean {
  if (!/^\d{10}$/.test(npi)) return false;
  return luhnCheckDigit(NPI_PREFIX + npi.slice(0, 9)) === Number(npi[9]);
}

/** Generates a valid NPI; real ones start with 1 or 2. */
export function generateNpi(prng: Prng): string {
  let body = String(prng.int(1, 2));
  for (let i = 0; i < 8; i++) body += String(prng.int(0, 9));
  return body + String(luhnCheckDigit(NPI_PREFIX + body));
}

/** Generates a ten-digit NPI whose check digit is wrong. */
export function generateBadNpi(prng: Prng): string {
  const valid = generateNpi(prng);
  const wrong = (Number(valid[9]) + prng.int(1, 9)) % 10;
  return valid.slice(0, 9) + String(wrong);
}
