/** Every function of rxbridge, at the path the dev server serves it on. */
import type { HttpFunction } from '@google-cloud/functions-framework';
import type { Runtime } from '../../shared/runtime/runtime.js';
import { createSyncNowHandler } from '../../functions/sync-now/handler.js';
import { createDrxSyncHandler } from '../../functions/drx-sync/handler.js';
import { createPharmaciesHandler } from '../../functions/pharmacies/handler.js';
import { createDrxWebhookHandler } from '../../functions/drx-webhook/handler.js';
import { createLiveUpdatesHandler } from '../../functions/live-updates/handler.js';
import { createOutboxRelayHandler } from '../../functions/outbox-relay/handler.js';
import type { FunctionRoute } from './dev-server.js';

function route(path: string, handler: HttpFunction & { close?: () => Promise<void> }, description: string): FunctionRoute {
  return { path, handler, description, close: handler.close };
}

/** The routes, each handler reading the shared Runtime lazily (it may be built after the server starts). */
export function functionRoutes(rt: () => Runtime): FunctionRoute[] {
  return [
    route('/sync-now', createSyncNowHandler(rt), 'POST {"pharmacyId","full"?}: Sync Now (admin)'),
    route('/drx-sync', createDrxSyncHandler(rt), 'POST {"pharmacyId"?,"full"?}: scheduled sync (Cloud Scheduler)'),
    route('/pharmacies', createPharmaciesHandler(rt), 'POST: add or update a pharmacy; GET: list them (admin)'),
    route('/drx-webhook', createDrxWebhookHandler(rt), 'POST /drx-webhook/<pharmacyId>: DRX webhook deliveries'),
    route('/live-updates', createLiveUpdatesHandler(rt), 'GET: Server-Sent Events of completed syncs and applied webhooks'),
    route('/outbox-relay', createOutboxRelayHandler(rt), 'POST: relays outbox rows to Pub/Sub (Cloud Scheduler)'),
  ];
}
