/** Secrets as a port: Secret Manager in the cloud, a git-ignored folder locally. */
export interface SecretStore {
  /** The latest value, or null when the secret does not exist. */
  get(name: string): Promise<string | null>;
  /** Creates the secret if needed and makes `value` its latest version. */
  put(name: string, value: string): Promise<void>;
}

/** Secret Manager name of a pharmacy's DRX API key. */
export function drxApiKeySecretName(pharmacyId: string): string {
  return `drx-api-key-${pharmacyId}`;
}

/** Secret Manager name of the static header secret DRX sends with a pharmacy's webhooks. */
export function drxWebhookSecretName(pharmacyId: string): string {
  return `drx-webhook-secret-${pharmacyId}`;
}
