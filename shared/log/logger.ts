/** Structured JSON logs in the shape Cloud Logging reads (severity, message). */
import { pino, type DestinationStream } from 'pino';

export type LogFields = Record<string, string | number | boolean | null | undefined>;

/** The narrow logger every module takes: fields are surrogate ids and counts, never PHI. */
export interface Logger {
  debug(msg: string, fields?: LogFields): void;
  info(msg: string, fields?: LogFields): void;
  warn(msg: string, fields?: LogFields): void;
  error(msg: string, fields?: LogFields): void;
  child(fields: LogFields): Logger;
}

const SEVERITY: Record<string, string> = {
  trace: 'DEBUG',
  debug: 'DEBUG',
  info: 'INFO',
  warn: 'WARNING',
  error: 'ERROR',
  fatal: 'CRITICAL',
};

// Belt and braces: field names that must never carry a value into a log line.
const REDACTED_KEYS = [
  'apiKey',
  'api_key',
  'key',
  'secret',
  'token',
  'password',
  'authorization',
  'headerValue',
  'header_value',
  'sig',
  'patient',
  'first_name',
  'last_name',
  'name',
  'body',
];

function wrap(p: pino.Logger): Logger {
  return {
    debug: (msg, fields) => p.debug(fields ?? {}, msg),
    info: (msg, fields) => p.info(fields ?? {}, msg),
    warn: (msg, fields) => p.warn(fields ?? {}, msg),
    error: (msg, fields) => p.error(fields ?? {}, msg),
    child: (fields) => wrap(p.child(fields)),
  };
}

/** Creates the process logger; pass `destination` to capture lines (tests). */
export function createLogger(opts: { level?: string; destination?: DestinationStream; base?: LogFields } = {}): Logger {
  const p = pino(
    {
      level: opts.level ?? 'info',
      messageKey: 'message',
      base: opts.base ?? { service: 'rxbridge' },
      timestamp: pino.stdTimeFunctions.isoTime,
      redact: { paths: REDACTED_KEYS, censor: '[redacted]' },
      formatters: {
        level: (label) => ({ severity: SEVERITY[label] ?? 'DEFAULT' }),
      },
    },
    opts.destination,
  );
  return wrap(p);
}

/** A logger that drops everything (for tests that do not read logs). */
export const silentLogger: Logger = createLogger({ level: 'silent' });
