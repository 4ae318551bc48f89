/** Cloud Function `outboxRelay` (POST, admin): wiring only. */
import { registerHttpFunction } from '../../shared/http/register-http-function.js';
import { getRuntime } from '../../shared/runtime/lazy-runtime.js';
import { createOutboxRelayHandler } from './handler.js';

registerHttpFunction('outboxRelay', createOutboxRelayHandler(getRuntime));
