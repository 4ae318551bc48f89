/** NPI validation: the CMS check-digit rule, written independently of the sandbox's generator on purpose. */

// CMS "NPI check digit": Luhn over the card-issuer prefix 80840 followed by the
// first nine NPI digits; the tenth digit is the check digit.
const NPI_ISSUER_PREFIX = '80840';
const NPI_SHAPE = /^\d{10}$/;

/** True when `npi` is exactly ten digits and its last digit is the Luhn check digit over 80840 + the first nine. */
export function isValidNpi(npi: string): boolean {
  if (!NPI_SHAPE.test(npi)) return false;
  // Luhn over the full 15-digit number (prefix + 9 digits + check digit) must be ≡ 0 mod 10:
  // from the right, every second digit is doubled (the check digit itself is not).
  const full = NPI_ISSUER_PREFIX + npi;
  let sum = 0;
  for (let i = full.length - 1, fromRight = 0; i >= 0; i--, fromRight++) {
    let d = full.charCodeAt(i) - 48;
    if (fromRight % 2 === 1) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return sum % 10 === 0;
}
