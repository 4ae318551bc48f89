/** Turns any thrown value into a storable, loggable error: masked and free of patient data. */
import { AppError } from '../errors/app-error.js';
import { maskedErrorText } from '../log/mask.js';

export interface RunError {
  code: string;
  message: string;
}

/**
 * AppError messages are written to be safe; anything else (a driver error can
 * quote row values) is reduced to its class name under the code 'internal'.
 */
export function describeRunError(err: unknown): RunError {
  if (err instanceof AppError) return { code: err.code, message: maskedErrorText(err) };
  const name = err instanceof Error ? err.name : typeof err;
  return { code: 'internal', message: name };
}
