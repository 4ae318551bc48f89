/** Cloud Function `deadLetters` (GET list, POST replay; admin): wiring only. */
import { registerHttpFunction } from '../../shared/http/register-http-function.js';
import { getRuntime } from '../../shared/runtime/lazy-runtime.js';
import { createDeadLettersHandler } from './handler.js';

registerHttpFunction('deadLetters', createDeadLettersHandler(getRuntime));
