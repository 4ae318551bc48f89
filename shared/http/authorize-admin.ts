/** Admin authentication: the admin token (constant time) or a Google ID token of an allowed principal. */
import { AppError } from '../errors/app-error.js';
import type { HttpRequest } from './http-types.js';
import type { IdTokenVerifier } from './id-token-verifier.js';
import { timingSafeEqualStrings } from './timing-safe-equal.js';

export interface AdminAuthSettings {
  adminToken: string | undefined;
  /** Service-account or user emails whose verified ID tokens are admins. */
  allowedPrincipals: readonly string[];
  idTokens: IdTokenVerifier;
  /** The audience ID tokens must be minted for (the function URL); unset = ID tokens not accepted. */
  audience: string | undefined;
}

export type AdminPrincipal = { via: 'admin_token' } | { via: 'id_token'; email: string };

/**
 * Accepts `Authorization: Bearer <ADMIN_TOKEN>`, `X-Admin-Token: <ADMIN_TOKEN>`
 * (for when Cloud Run IAM already occupies Authorization) or a verified ID
 * token whose email is an allowed principal; anything else → 401.
 */
export async function authorizeAdmin(req: HttpRequest, settings: AdminAuthSettings): Promise<AdminPrincipal> {
  const bearer = bearerToken(req);
  const headerToken = single(req.headers['x-admin-token']);
  const { adminToken } = settings;
  if (adminToken) {
    // Check both candidates without short-circuiting on the first, so timing says nothing.
    const viaHeader = headerToken !== undefined && timingSafeEqualStrings(headerToken, adminToken);
    const viaBearer = bearer !== undefined && timingSafeEqualStrings(bearer, adminToken);
    if (viaHeader || viaBearer) return { via: 'admin_token' };
  }
  if (bearer && looksLikeJwt(bearer) && settings.audience && settings.allowedPrincipals.length > 0) {
    const identity = await settings.idTokens.verify(bearer, settings.audience).catch(() => undefined);
    const email = identity?.email?.toLowerCase();
    const allowed = settings.allowedPrincipals.some((p) => p.toLowerCase() === email);
    if (identity?.emailVerified && email && allowed) return { via: 'id_token', email };
  }
  throw new AppError('unauthorized', 'unauthorized', 'missing or invalid admin credentials');
}

function bearerToken(req: HttpRequest): string | undefined {
  const header = single(req.headers.authorization);
  const match = header ? /^Bearer\s+(\S+)\s*$/i.exec(header) : null;
  return match?.[1];
}

function looksLikeJwt(token: string): boolean {
  return token.split('.').length === 3;
}

function single(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}
