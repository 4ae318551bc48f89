/**
 * Google-signed ID tokens (Cloud Scheduler OIDC, `gcloud auth print-identity-token`)
 * as a port: the real verifier fetches Google's certificates; the local one
 * verifies against PEM keys it is given — real RS256 crypto either way.
 */
import { OAuth2Client } from 'google-auth-library';

export interface VerifiedIdentity {
  email: string | undefined;
  emailVerified: boolean;
}

export interface IdTokenVerifier {
  /** Verifies signature, expiry and audience; rejects (throws) on any failure. */
  verify(token: string, audience: string): Promise<VerifiedIdentity>;
}

/** Verifies tokens against Google's published certificates (cached by the client). */
export function createGoogleIdTokenVerifier(client: OAuth2Client = new OAuth2Client()): IdTokenVerifier {
  return {
    async verify(token, audience) {
      const ticket = await client.verifyIdToken({ idToken: token, audience });
      return identityOf(ticket.getPayload());
    },
  };
}

/** Google's issuers, accepted by the local verifier too so tokens look the same in both. */
export const GOOGLE_ISSUERS = ['accounts.google.com', 'https://accounts.google.com'];

/** Verifies RS256 tokens against `publicKeys` (kid → PEM); for local runs and tests. */
export function createLocalIdTokenVerifier(
  publicKeys: Record<string, string>,
  issuers: string[] = GOOGLE_ISSUERS,
): IdTokenVerifier {
  const client = new OAuth2Client();
  return {
    async verify(token, audience) {
      const ticket = await client.verifySignedJwtWithCertsAsync(token, publicKeys, audience, issuers);
      return identityOf(ticket.getPayload());
    },
  };
}

/** A verifier that accepts nothing: for instances where ID tokens are not configured. */
export const rejectingIdTokenVerifier: IdTokenVerifier = {
  verify: () => Promise.reject(new Error('ID tokens are not accepted here')),
};

function identityOf(payload: { email?: string; email_verified?: boolean } | undefined): VerifiedIdentity {
  return { email: payload?.email, emailVerified: payload?.email_verified === true };
}
