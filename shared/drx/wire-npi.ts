/** The NPI wire field: DRX sends prescribers' NPIs, checked with the Luhn rule. */
import { z } from 'zod';
import { isValidNpi } from './npi.js';
import { rule } from '../wire/wire-fields.js';

/** An NPI: ten digits whose last is the Luhn check digit (numbers accepted, as some exports send them). */
export const wireNpi = z
  .union([z.string(), z.number().int()], { error: rule('must be a string') })
  .transform((v) => String(v).trim())
  .superRefine((v, ctx) => {
    if (!/^\d{10}$/.test(v)) ctx.addIssue({ code: 'custom', message: 'must be 10 digits' });
    else if (!isValidNpi(v)) ctx.addIssue({ code: 'custom', message: 'fails Luhn check' });
  });
