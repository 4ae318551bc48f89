/** The admin-auth settings of this instance, from its Runtime. */
import type { Runtime } from '../runtime/runtime.js';
import type { AdminAuthSettings } from './authorize-admin.js';

/** ADMIN_TOKEN, ADMIN_PRINCIPALS and ID_TOKEN_AUDIENCE with the runtime's ID-token verifier. */
export function adminAuthSettings(rt: Runtime): AdminAuthSettings {
  return {
    adminToken: rt.config.ADMIN_TOKEN,
    allowedPrincipals: rt.config.ADMIN_PRINCIPALS,
    idTokens: rt.idTokens,
    audience: rt.config.ID_TOKEN_AUDIENCE,
  };
}
