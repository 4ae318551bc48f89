/** Secret names double as file names and Secret Manager ids: only a safe alphabet is allowed. */
import { AppError } from '../errors/app-error.js';

const SECRET_NAME = /^[a-zA-Z0-9_-]+$/;

/** Returns `name` when it is safe to use as a path segment; throws otherwise (prevents path traversal). */
export function checkedSecretName(name: string): string {
  if (!SECRET_NAME.test(name) || name.length > 255) {
    throw new AppError('input', 'invalid_body', 'secret name must match ^[a-zA-Z0-9_-]+$');
  }
  return name;
}
