export { receiveDrxWebhook, type WebhookDeps, type DrxDelivery, type WebhookReceipt } from './receive-drx-webhook.js';
export { applyDelivery, type StoredDelivery, type ApplyOutcome, type DeliveryCounts } from './apply-delivery.js';
export { resolveEvent, streamOf, deliveryKey, PRESCRIPTION_CREATED, type DeliveryStream } from './delivery-event.js';
export { recordApplyFailure, failureReason, FIRST_RETRY_DELAY_MS } from './record-apply-failure.js';
export { newRxHighlights } from './webhook-highlights.js';
export { applyDrxRecord, type DrxRecordInput, type DrxRecordResult } from './apply-drx-record.js';
export { retryDrxDelivery, type DrxRetryDeps } from './retry-drx-delivery.js';
