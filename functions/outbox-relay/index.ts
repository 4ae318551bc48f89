/** Cloud Function `outboxRelay` (POST, admin): wiring only. */
import '../../shared/http/framework-adjustments.js';
import { http } from '@google-cloud/functions-framework';
import { getRuntime } from '../../shared/runtime/lazy-runtime.js';
import { createOutboxRelayHandler } from './handler.js';

http('outboxRelay', createOutboxRelayHandler(getRuntime));
