// The live fault plan: counts down `times` as injected failures fire.
import { FAULT_DEFAULTS } from './fault-plan.js';
import type { DrChronoFaultPlan, InjectedFailure } from './fault-plan.js';

/** Where a request is going: the literal path and its route pattern. */
export interface RequestPath {
  /** e.g. '/api/patients/50000001' */
  literal: string;
  /** e.g. '/api/patients/:id' */
  route: string;
}

/** The faults in force right now. */
export class FaultState {
  private plan: DrChronoFaultPlan = {};

  /** Replaces the plan (copied, so the caller's object is never consumed). */
  set(plan: DrChronoFaultPlan): void {
    this.plan = structuredClone(plan);
  }

  /** The plan with whatever `times` remain. */
  current(): DrChronoFaultPlan {
    return structuredClone(this.plan);
  }

  get requestsPerHour(): number {
    return this.plan.requestsPerHour ?? FAULT_DEFAULTS.requestsPerHour;
  }

  get redirectClinicalNotes(): boolean {
    return this.plan.redirectClinicalNotes ?? FAULT_DEFAULTS.redirectClinicalNotes;
  }

  get bulkPendingPolls(): number {
    return this.plan.bulkPendingPolls ?? FAULT_DEFAULTS.bulkPendingPolls;
  }

  get latencyMs(): number {
    return this.plan.latencyMs ?? 0;
  }

  /** Consumes and returns the first queued failure matching `path`. */
  takeFailure(path: RequestPath): InjectedFailure | undefined {
    const queue = this.plan.failNext ?? [];
    const index = queue.findIndex(
      (f) => f.times > 0 && (f.path === undefined || f.path === path.literal || f.path === path.route),
    );
    const failure = queue[index];
    if (failure === undefined) return undefined;
    failure.times -= 1;
    if (failure.times === 0) queue.splice(index, 1);
    return { ...failure };
  }
}
