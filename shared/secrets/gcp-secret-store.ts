/** Secrets in Google Secret Manager: one secret per name, the value as its latest version. */
import { SecretManagerServiceClient } from '@google-cloud/secret-manager';
import type { SecretStore } from './secret-store.js';
import { checkedSecretName } from './secret-name.js';

// gRPC status codes the client reports on errors.
const NOT_FOUND = 5;
const ALREADY_EXISTS = 6;

/** The subset of SecretManagerServiceClient we call, so a small stand-in can replace it. */
export interface SecretManagerApi {
  accessSecretVersion(req: { name: string }): Promise<[{ payload?: { data?: Uint8Array | string | null } | null }, ...unknown[]]>;
  createSecret(req: {
    parent: string;
    secretId: string;
    secret: { replication: { automatic: Record<string, never> } };
  }): Promise<unknown>;
  addSecretVersion(req: { parent: string; payload: { data: Buffer } }): Promise<unknown>;
}

/** `projects/<p>/secrets/<name>`. */
export function secretResourceName(projectId: string, name: string): string {
  return `projects/${projectId}/secrets/${checkedSecretName(name)}`;
}

/** `projects/<p>/secrets/<name>/versions/latest`. */
export function latestVersionName(projectId: string, name: string): string {
  return `${secretResourceName(projectId, name)}/versions/latest`;
}

/** A SecretStore over Secret Manager in `projectId`; the client is created on first use. */
export function createGcpSecretStore(projectId: string, api?: SecretManagerApi): SecretStore {
  let client = api;
  const sm = (): SecretManagerApi => (client ??= new SecretManagerServiceClient() as unknown as SecretManagerApi);
  return {
    async get(name) {
      try {
        const [version] = await sm().accessSecretVersion({ name: latestVersionName(projectId, name) });
        const data = version.payload?.data;
        if (data === undefined || data === null) return null;
        return typeof data === 'string' ? data : Buffer.from(data).toString('utf8');
      } catch (err) {
        if (grpcCode(err) === NOT_FOUND) return null;
        throw err;
      }
    },
    async put(name, value) {
      // Add a version first and create the secret only when it is missing: a
      // function allowed only to add versions (token rotation) would otherwise
      // be refused on createSecret before Secret Manager even looks for the secret.
      const addVersion = () =>
        sm().addSecretVersion({ parent: secretResourceName(projectId, name), payload: { data: Buffer.from(value, 'utf8') } });
      try {
        await addVersion();
        return;
      } catch (err) {
        if (grpcCode(err) !== NOT_FOUND) throw err;
      }
      try {
        await sm().createSecret({
          parent: `projects/${projectId}`,
          secretId: checkedSecretName(name),
          secret: { replication: { automatic: {} } },
        });
      } catch (err) {
        // Another instance created it between our two calls.
        if (grpcCode(err) !== ALREADY_EXISTS) throw err;
      }
      await addVersion();
    },
  };
}

function grpcCode(err: unknown): number | undefined {
  const code = typeof err === 'object' && err !== null ? (err as { code?: unknown }).code : undefined;
  return typeof code === 'number' ? code : undefined;
}
