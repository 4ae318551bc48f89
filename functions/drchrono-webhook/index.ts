/** Cloud Function `drchronoWebhook` (GET handshake, POST signed deliveries): wiring only. */
import { registerHttpFunction } from '../../shared/http/register-http-function.js';
import { getRuntime } from '../../shared/runtime/lazy-runtime.js';
import { createDrChronoWebhookHandler } from './handler.js';

registerHttpFunction('drchronoWebhook', createDrChronoWebhookHandler(getRuntime));
