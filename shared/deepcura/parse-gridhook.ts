/** Plaintext bytes → a typed note; anything else is a permanent `bad_payload` AppError naming field and rule. */
import { AppError } from '../errors/app-error.js';
import { describeIssues } from '../http/describe-issues.js';
import { gridhookBodySchema, gridhookNoteSchema, type GridhookNote } from './gridhook-schema.js';

/** The ciphertext field of a raw gridhook request body. */
export function encryptedPayloadOf(rawBody: string): string {
  const body = gridhookBodySchema.safeParse(parseJson(rawBody, 'request body'));
  if (!body.success) throw badPayload(describeIssues(body.error.issues));
  return body.data.encrypted_payload;
}

/** The decrypted note, validated. */
export function parseGridhookNote(plaintext: Buffer): GridhookNote {
  const parsed = gridhookNoteSchema.safeParse(parseJson(plaintext.toString('utf8'), 'decrypted payload'));
  if (!parsed.success) throw badPayload(describeIssues(parsed.error.issues));
  return parsed.data;
}

function parseJson(text: string, what: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw badPayload([`${what} is not valid JSON`]);
  }
}

function badPayload(problems: string[]): AppError {
  const first = problems.slice(0, 5).join('; ');
  return new AppError('permanent', 'bad_payload', `bad_payload: ${first}`, { problems: problems.slice(0, 20) });
}
