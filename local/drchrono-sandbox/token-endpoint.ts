// POST /o/token/: form-encoded code exchange and refresh (contract "OAuth 2").
import type { IncomingMessage } from 'node:http';
import { readFields } from './http-io.js';
import type { Reply } from './http-io.js';
import type { TokenAuthority } from './token-authority.js';

/** The API application's credentials. */
export interface OAuthClient {
  clientId: string;
  clientSecret: string;
}

function field(fields: Record<string, unknown>, name: string): string | undefined {
  const v = fields[name];
  return typeof v === 'string' && v !== '' ? v : undefined;
}

/** Answers one token request. */
export async function handleTokenRequest(req: IncomingMessage, client: OAuthClient, authority: TokenAuthority): Promise<Reply> {
  if (req.method !== 'POST') return { status: 405, body: { detail: `Method "${req.method ?? ''}" not allowed.` } };
  const fields = await readFields(req);
  if (field(fields, 'client_id') !== client.clientId || field(fields, 'client_secret') !== client.clientSecret) {
    return { status: 401, body: { error: 'invalid_client' } };
  }
  const grantType = field(fields, 'grant_type');
  let answer;
  if (grantType === 'authorization_code') {
    const code = field(fields, 'code');
    if (code === undefined) return { status: 400, body: { error: 'invalid_request' } };
    answer = authority.exchangeCode(code);
  } else if (grantType === 'refresh_token') {
    const refresh = field(fields, 'refresh_token');
    if (refresh === undefined) return { status: 400, body: { error: 'invalid_request' } };
    answer = authority.refresh(refresh);
  } else {
    return { status: 400, body: { error: 'unsupported_grant_type' } };
  }
  if ('error' in answer) return { status: answer.status, body: { error: answer.error } };
  return { status: 200, body: answer, headers: { 'cache-control': 'no-store' } };
}
