/** Cloud Function `pharmacies` (GET list, POST add/update; admin): wiring only. */
import '../../shared/http/framework-adjustments.js';
import { http } from '@google-cloud/functions-framework';
import { getRuntime } from '../../shared/runtime/lazy-runtime.js';
import { createPharmaciesHandler } from './handler.js';

http('pharmacies', createPharmaciesHandler(getRuntime));
