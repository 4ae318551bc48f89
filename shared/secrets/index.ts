export { drxApiKeySecretName, drxWebhookSecretName, type SecretStore } from './secret-store.js';
export { checkedSecretName } from './secret-name.js';
export { createFileSecretStore } from './file-secret-store.js';
export {
  createGcpSecretStore,
  secretResourceName,
  latestVersionName,
  type SecretManagerApi,
} from './gcp-secret-store.js';
export { createSecretStore } from './create-secret-store.js';
