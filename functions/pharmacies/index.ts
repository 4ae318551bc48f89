/** Cloud Function `pharmacies` (GET list, POST add/update; admin): wiring only. */
import { registerHttpFunction } from '../../shared/http/register-http-function.js';
import { getRuntime } from '../../shared/runtime/lazy-runtime.js';
import { createPharmaciesHandler } from './handler.js';

registerHttpFunction('pharmacies', createPharmaciesHandler(getRuntime));
