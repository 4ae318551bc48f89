/** The port every DRX request passes through first: one slot of the pharmacy's request budget. */

/** Waits until the caller may send one request. Shared by everything that calls DRX for one pharmacy. */
export interface RequestBudget {
  acquire(signal?: AbortSignal): Promise<void>;
}

/** No limit (tests, and pharmacies configured with 0 requests/s). */
export const unlimitedBudget: RequestBudget = {
  acquire: async (signal) => {
    signal?.throwIfAborted();
  },
};
