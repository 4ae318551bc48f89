/** Cloud Function `drchronoWebhook` (GET handshake, POST signed deliveries): wiring only. */
import '../../shared/http/framework-adjustments.js';
import { http } from '@google-cloud/functions-framework';
import { getRuntime } from '../../shared/runtime/lazy-runtime.js';
import { createDrChronoWebhookHandler } from './handler.js';

http('drchronoWebhook', createDrChronoWebhookHandler(getRuntime));
