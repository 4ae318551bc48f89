/** Cloud Function `deadLetters` (GET list, POST replay; admin): wiring only. */
import '../../shared/http/framework-adjustments.js';
import { http } from '@google-cloud/functions-framework';
import { getRuntime } from '../../shared/runtime/lazy-runtime.js';
import { createDeadLettersHandler } from './handler.js';

http('deadLetters', createDeadLettersHandler(getRuntime));
