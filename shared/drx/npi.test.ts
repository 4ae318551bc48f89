import { describe, expect, it } from 'vitest';
import { isValidNpi } from './npi.js';

// Worked by hand with the CMS method: double every other digit of the nine-digit
// body starting from its rightmost one, add the undoubled digits, add 24 (the
// contribution of the 80840 prefix), and the check digit is what brings the
// total up to the next multiple of 10.
describe('isValidNpi', () => {
  it.each([
    // 123456789: doubled 9,7,5,3,1 → 18→9,14→5,10→1,6,2 = 23; undoubled 8+6+4+2 = 20; 23+20+24 = 67 → 3
    ['1234567893', true],
    // 100000000: doubled 1 → 2; 2+24 = 26 → 4
    ['1000000004', true],
    // 200000000: doubled 2 → 4; 4+24 = 28 → 2
    ['2000000002', true],
    // 111111111: doubled five 1s → 10; undoubled four 1s → 4; 10+4+24 = 38 → 2
    ['1111111112', true],
    // 987654321: doubled 1,3,5,7,9 → 2,6,10→1,14→5,18→9 = 23; undoubled 2+4+6+8 = 20; 67 → 3
    ['9876543213', true],
  ])('accepts %s, whose check digit matches', (npi, expected) => {
    expect(isValidNpi(npi)).toBe(expected);
  });

  it.each([
    ['1234567890', 'wrong check digit'],
    ['1234567894', 'check digit off by one'],
    ['1111111111', 'wrong check digit'],
    ['2134567893', 'two digits swapped'],
    ['123456789', 'nine digits'],
    ['12345678930', 'eleven digits'],
    ['12345678a3', 'a letter'],
    [' 1234567893', 'leading space'],
    ['', 'empty'],
    ['１２３４５６７８９３', 'full-width digits'],
  ])('rejects %s (%s)', (npi) => {
    expect(isValidNpi(npi)).toBe(false);
  });
});
