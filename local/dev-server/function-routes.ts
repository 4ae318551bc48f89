/** Every function of rxbridge, at the path the dev server serves it on. */
import type { HttpFunction } from '@google-cloud/functions-framework';
import type { Runtime } from '../../shared/runtime/runtime.js';
import { createSyncNowHandler } from '../../functions/sync-now/handler.js';
import { createDrxSyncHandler } from '../../functions/drx-sync/handler.js';
import { createPharmaciesHandler } from '../../functions/pharmacies/handler.js';
import { createDrxWebhookHandler } from '../../functions/drx-webhook/handler.js';
import { createLiveUpdatesHandler } from '../../functions/live-updates/handler.js';
import { createOutboxRelayHandler } from '../../functions/outbox-relay/handler.js';
import { createPracticesHandler } from '../../functions/practices/handler.js';
import { createDrChronoSyncHandler } from '../../functions/drchrono-sync/handler.js';
import { createDrChronoWebhookHandler } from '../../functions/drchrono-webhook/handler.js';
import { createDeepCuraWebhookHandler } from '../../functions/deepcura-webhook/handler.js';
import { createDeepCuraNotesHandler } from '../../functions/deepcura-notes/handler.js';
import { createRetryWorkerHandler } from '../../functions/retry-worker/handler.js';
import { createDeadLettersHandler } from '../../functions/dead-letters/handler.js';
import { createMaintenanceCleanupHandler } from '../../functions/maintenance-cleanup/handler.js';
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
    route('/practices', createPracticesHandler(rt), 'POST: connect a DrChrono practice; GET: list them (admin)'),
    route('/drchrono-sync', createDrChronoSyncHandler(rt), 'POST {"practiceId"?,"full"?}: DrChrono reconciliation / Sync Now (admin, Scheduler)'),
    route('/drchrono-webhook', createDrChronoWebhookHandler(rt), 'GET ?msg= handshake; POST: DrChrono webhook deliveries'),
    route('/deepcura-webhook', createDeepCuraWebhookHandler(rt), 'POST: Deep Cura gridhooks (x-deepcura-secret)'),
    route('/deepcura-notes', createDeepCuraNotesHandler(rt), 'GET ?unlinked=true: Deep Cura notes awaiting a clinical note (admin)'),
    route('/retry-worker', createRetryWorkerHandler(rt), 'POST: retries due failed deliveries (Cloud Scheduler)'),
    route('/dead-letters', createDeadLettersHandler(rt), 'GET: list dead letters; POST: replay by id or filter (admin)'),
    route('/maintenance-cleanup', createMaintenanceCleanupHandler(rt), 'POST: clears raw bodies past retention (Cloud Scheduler)'),
  ];
}
