/** The fill statuses DRX reports (contract: "Fill statuses"). */
export const DRX_FILL_STATUSES = [
  'Hold',
  'Pre-Check',
  'Print',
  'Scan',
  'Verify',
  'Adjudicating',
  'Waiting Bin',
  'Sold',
  'OOS',
  'Rejected',
] as const;

export type DrxFillStatus = (typeof DRX_FILL_STATUSES)[number];

/** True when `status` is one of the contract's fill statuses. */
export function isDrxFillStatus(status: string): status is DrxFillStatus {
  return (DRX_FILL_STATUSES as readonly string[]).includes(status);
}
