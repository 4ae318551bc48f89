/** The connect input, shared by POST /practices and the CLI. Messages never echo a value. */
import { z } from 'zod';
import { displayName, serviceBaseUrl } from '../admin-input/admin-fields.js';

export const PRACTICE_ID_PATTERN = /^[a-z0-9][a-z0-9_-]{0,62}$/;

const secretText = (what: string) => z.string().trim().min(1, `${what} must not be empty`).max(4096, 'too long');

export const connectPracticeInputSchema = z
  .strictObject({
    practiceId: z.string().regex(PRACTICE_ID_PATTERN, 'must be lowercase letters, digits, _ or -, starting with a letter or digit (≤ 63)'),
    name: displayName,
    clientId: secretText('clientId'),
    clientSecret: secretText('clientSecret'),
    code: secretText('code').optional(),
    redirectUri: z.url({ protocol: /^https?$/, error: 'must be an http(s) URL' }).optional(),
    refreshToken: secretText('refreshToken').optional(),
    baseUrl: serviceBaseUrl.optional(),
    requestsPerHour: z.number().int('must be a whole number').min(1, 'must be ≥ 1').max(100_000, 'must be ≤ 100000').optional(),
  })
  .refine((v) => (v.code === undefined) !== (v.refreshToken === undefined), {
    message: 'give exactly one of code or refreshToken',
    path: ['code'],
  });

export type ConnectPracticeInput = z.input<typeof connectPracticeInputSchema>;
