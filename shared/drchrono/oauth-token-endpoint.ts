/** DrChrono's OAuth token endpoint (`POST /o/token/`, form-encoded): code exchange and refresh. */
import { AppError } from '../errors/app-error.js';
import type { ClientCredentials } from './token-secrets.js';
import { tokenAnswerSchema, tokenErrorSchema, type TokenAnswer } from './wire-envelopes.js';

export type TokenGrant =
  | { grant_type: 'authorization_code'; code: string; redirect_uri?: string }
  | { grant_type: 'refresh_token'; refresh_token: string };

export interface TokenEndpoint {
  /** The practice's base URL; the endpoint is `<base>/o/token/`. */
  baseUrl: string;
  timeoutMs: number;
  fetchImpl?: typeof fetch;
}

/**
 * Posts one grant. A refusal (400/401: invalid_grant, invalid_client) throws a
 * permanent 'drchrono_unauthorized' whose details carry the OAuth error code
 * only; 5xx, timeouts and connection failures throw retryable
 * 'drchrono_unavailable'. No token or secret reaches a message.
 */
export async function requestToken(endpoint: TokenEndpoint, grant: TokenGrant, client: ClientCredentials): Promise<TokenAnswer> {
  const form = new URLSearchParams({ ...grant, client_id: client.client_id, client_secret: client.client_secret });
  const url = `${endpoint.baseUrl.replace(/\/+$/, '')}/o/token/`;
  let res: Response;
  let text: string;
  try {
    res = await (endpoint.fetchImpl ?? fetch)(url, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
      body: form.toString(),
      signal: AbortSignal.timeout(endpoint.timeoutMs),
      redirect: 'error',
    });
    text = await res.text();
  } catch {
    throw new AppError('retryable', 'drchrono_unavailable', 'the DrChrono token endpoint could not be reached', { path: '/o/token/' });
  }
  const json = safeJson(text);
  if (res.status === 400 || res.status === 401) {
    const oauth = tokenErrorSchema.safeParse(json);
    const oauthError = oauth.success ? oauth.data.error.replace(/[^a-z_]/gi, '').slice(0, 40) : null;
    throw new AppError('permanent', 'drchrono_unauthorized', `DrChrono refused the ${grant.grant_type} grant (${res.status}${oauthError ? ` ${oauthError}` : ''})`, {
      status: res.status,
      oauthError,
      grantType: grant.grant_type,
    });
  }
  if (!res.ok) {
    const kind = res.status >= 500 || res.status === 429 ? 'retryable' : 'permanent';
    throw new AppError(kind, kind === 'retryable' ? 'drchrono_unavailable' : 'drchrono_bad_response', `the DrChrono token endpoint answered ${res.status}`, { status: res.status, path: '/o/token/' });
  }
  const answer = tokenAnswerSchema.safeParse(json);
  if (!answer.success) throw new AppError('retryable', 'drchrono_bad_response', 'the DrChrono token endpoint answered without access_token, refresh_token and expires_in', { path: '/o/token/' });
  return answer.data;
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
