export type { HttpRequest, HttpResponse } from './http-types.js';
export { sendJson } from './send-json.js';
export { sendError, errorBody } from './send-error.js';
export { readJsonBody, parseJsonBody } from './read-json-body.js';
export { describeIssues } from './describe-issues.js';
export { timingSafeEqualStrings } from './timing-safe-equal.js';
export { correlationIdOf } from './correlation-id.js';
export { lastPathSegment, requestPath, queryParam } from './request-url.js';
export { authorizeAdmin, type AdminAuthSettings, type AdminPrincipal } from './authorize-admin.js';
export {
  createGoogleIdTokenVerifier,
  createLocalIdTokenVerifier,
  rejectingIdTokenVerifier,
  GOOGLE_ISSUERS,
  type IdTokenVerifier,
  type VerifiedIdentity,
} from './id-token-verifier.js';
export { createBodyParseErrorHandler } from './body-parse-error-handler.js';
export { runHandler, type Reply, type Work } from './run-handler.js';
export { adminAuthSettings } from './admin-auth-settings.js';
