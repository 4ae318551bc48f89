// OAuth 2 grants of one API application (contract "OAuth 2"): single-use
// authorization codes, access tokens that expire by the sandbox clock, and
// refresh tokens that rotate — using one retires it and the access token
// issued with it, so a second concurrent refresh with the same token fails.
import { randomBytes } from 'node:crypto';

/** The answer of POST /o/token/. */
export interface TokenAnswer {
  access_token: string;
  refresh_token: string;
  expires_in: number;
  token_type: 'Bearer';
  scope: string;
}

/** An OAuth error answer: `error` is the RFC 6749 code. */
export interface OAuthError {
  status: 400 | 401;
  error: 'invalid_grant' | 'invalid_client' | 'invalid_request' | 'unsupported_grant_type';
}

interface Grant {
  practiceId: string;
  accessToken: string;
  refreshToken: string;
  accessExpiresMs: number;
  active: boolean;
}

export const SCOPE = 'user:read patients:read calendar:read clinical:read billing:read';
// Authorization codes are short-lived, as in any OAuth server.
const CODE_TTL_MS = 10 * 60_000;

function token(): string {
  return randomBytes(20).toString('hex');
}

/** Issues, rotates, checks and revokes tokens. */
export class TokenAuthority {
  private readonly codes = new Map<string, { practiceId: string; expiresMs: number }>();
  private readonly byAccess = new Map<string, Grant>();
  private readonly byRefresh = new Map<string, Grant>();

  constructor(
    private readonly now: () => Date,
    private readonly ttlSeconds: number,
  ) {}

  /** A fresh single-use authorization code for a practice (what the user's consent would return). */
  issueCode(practiceId: string): string {
    const code = token().slice(0, 30);
    this.codes.set(code, { practiceId, expiresMs: this.nowMs() + CODE_TTL_MS });
    return code;
  }

  /** grant_type=authorization_code. */
  exchangeCode(code: string): TokenAnswer | OAuthError {
    const entry = this.codes.get(code);
    this.codes.delete(code);
    if (!entry || entry.expiresMs <= this.nowMs()) return { status: 400, error: 'invalid_grant' };
    return this.grant(entry.practiceId);
  }

  /** grant_type=refresh_token: rotates, retiring the old refresh token and its access token. */
  refresh(refreshToken: string): TokenAnswer | OAuthError {
    const old = this.byRefresh.get(refreshToken);
    if (!old?.active) return { status: 400, error: 'invalid_grant' };
    this.retire(old);
    return this.grant(old.practiceId);
  }

  /** The practice an access token belongs to, or undefined when unknown, retired or expired. */
  practiceFor(accessToken: string): string | undefined {
    const grant = this.byAccess.get(accessToken);
    if (!grant?.active || grant.accessExpiresMs <= this.nowMs()) return undefined;
    return grant.practiceId;
  }

  /** Retires every grant and pending code of a practice (the user disconnected the app). */
  revoke(practiceId: string): void {
    for (const grant of this.byAccess.values()) if (grant.practiceId === practiceId) this.retire(grant);
    for (const [code, entry] of this.codes) if (entry.practiceId === practiceId) this.codes.delete(code);
  }

  private grant(practiceId: string): TokenAnswer {
    const g: Grant = {
      practiceId,
      accessToken: token(),
      refreshToken: token(),
      accessExpiresMs: this.nowMs() + this.ttlSeconds * 1000,
      active: true,
    };
    this.byAccess.set(g.accessToken, g);
    this.byRefresh.set(g.refreshToken, g);
    return { access_token: g.accessToken, refresh_token: g.refreshToken, expires_in: this.ttlSeconds, token_type: 'Bearer', scope: SCOPE };
  }

  private retire(grant: Grant): void {
    grant.active = false;
  }

  private nowMs(): number {
    return this.now().getTime();
  }
}
