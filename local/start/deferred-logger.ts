/** A Logger that forwards to one created later (the dev server starts before the Runtime exists). */
import type { Logger } from '../../shared/log/logger.js';

/** Forwards every call to `current()` at call time. */
export function deferredLogger(current: () => Logger): Logger {
  return {
    debug: (msg, fields) => current().debug(msg, fields),
    info: (msg, fields) => current().info(msg, fields),
    warn: (msg, fields) => current().warn(msg, fields),
    error: (msg, fields) => current().error(msg, fields),
    child: (fields) => deferredLogger(() => current().child(fields)),
  };
}
