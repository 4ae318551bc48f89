/** The events a DRX webhook subscription may name (contract: "Webhooks DRX sends"). */

/** Fill-status events: the body is a Fill. `Adjudicating` is a status with no event. */
export const DRX_FILL_STATUS_EVENTS = [
  'Hold',
  'Print',
  'Scan',
  'Rejected',
  'Verify',
  'OOS',
  'Waiting Bin',
  'Sold',
  'Pre-Check',
] as const;

/** Every event DRX can deliver; one subscription per event. */
export const DRX_WEBHOOK_EVENTS = [
  'Prescription Created',
  ...DRX_FILL_STATUS_EVENTS,
  'Delivery',
  'Confirm Pickup',
  'Return to Stock',
  'Update Bin Location',
] as const;

export type DrxWebhookEvent = (typeof DRX_WEBHOOK_EVENTS)[number];
export type DrxFillStatusEvent = (typeof DRX_FILL_STATUS_EVENTS)[number];

/** True when `event` names a DRX webhook event. */
export function isDrxWebhookEvent(event: string): event is DrxWebhookEvent {
  return (DRX_WEBHOOK_EVENTS as readonly string[]).includes(event);
}

/** True when `event` is a fill-status event (its body is a Fill). */
export function isDrxFillStatusEvent(event: string): event is DrxFillStatusEvent {
  return (DRX_FILL_STATUS_EVENTS as readonly string[]).includes(event);
}
