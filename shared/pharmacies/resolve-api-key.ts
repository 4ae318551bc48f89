/** Where the CLI finds a pharmacy's DRX key: flag, else stdin, else DRX_API_KEY_<ID>. */

export interface ApiKeySources {
  flag?: string;
  /** What was piped on stdin (undefined when stdin is a terminal). */
  stdin?: string;
  env: Record<string, string | undefined>;
}

/** `DRX_API_KEY_<ID>`: id upper-cased, every non-alphanumeric as `_` (ph-demo.1 → DRX_API_KEY_PH_DEMO_1). */
export function apiKeyEnvName(pharmacyId: string): string {
  return `DRX_API_KEY_${pharmacyId.toUpperCase().replace(/[^A-Z0-9]/g, '_')}`;
}

/** The first non-empty source, trimmed; undefined when none gives a key. */
export function resolveApiKey(pharmacyId: string, sources: ApiKeySources): { key: string; from: 'flag' | 'stdin' | 'env' } | undefined {
  const candidates: [string | undefined, 'flag' | 'stdin' | 'env'][] = [
    [sources.flag, 'flag'],
    [sources.stdin, 'stdin'],
    [sources.env[apiKeyEnvName(pharmacyId)], 'env'],
  ];
  for (const [value, from] of candidates) {
    const key = value?.trim();
    if (key) return { key, from };
  }
  return undefined;
}
