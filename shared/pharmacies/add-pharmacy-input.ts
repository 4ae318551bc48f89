/** The onboarding input, shared by POST /pharmacies and the CLI. Messages never echo a value. */
import { z } from 'zod';
import { displayName, serviceBaseUrl } from '../admin-input/admin-fields.js';

export const PHARMACY_ID_PATTERN = /^[a-z0-9][a-z0-9_-]{0,62}$/;
export const DRX_API_KEY_PATTERN = /^DRX[0-9a-fA-F]{32}$/;

export const addPharmacyInputSchema = z.strictObject({
  id: z.string().regex(PHARMACY_ID_PATTERN, 'must be lowercase letters, digits, _ or -, starting with a letter or digit (≤ 63)'),
  name: displayName,
  drxBaseUrl: serviceBaseUrl.optional(),
  apiKey: z.string().regex(DRX_API_KEY_PATTERN, "must be 'DRX' followed by 32 hex characters"),
  requestsPerSecond: z.number().min(0).max(1000).optional(),
  syncIntervalMinutes: z.number().int().min(1).max(1440).optional(),
  enabled: z.boolean().optional(),
});

export type AddPharmacyInput = z.input<typeof addPharmacyInputSchema>;
