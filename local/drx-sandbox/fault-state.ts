// A store's live fault plan: counts down `times` as faults fire, so a test can
// say "fail the next two requests" and then see normal service.
import type { FaultPlan, InjectedFailure } from './fault-plan.js';
import { TokenBucket } from './token-bucket.js';

/** Where a request is going: the literal path and its route pattern. */
export interface RequestPath {
  /** e.g. '/prescription/42' */
  literal: string;
  /** e.g. '/prescription/:id' */
  route: string;
}

function matches(want: string | undefined, path: RequestPath): boolean {
  return want === undefined || want === path.literal || want === path.route;
}

/** The faults a store is injecting right now. */
export class FaultState {
  private plan: FaultPlan = {};
  private bucket: TokenBucket | undefined;

  /** Replaces the plan (copied, so the caller's object is never consumed) and refills the bucket. */
  set(plan: FaultPlan): void {
    this.plan = structuredClone(plan);
    const rate = plan.rateLimitPerSecond;
    this.bucket = rate === undefined ? undefined : new TokenBucket(rate, Math.max(1, rate));
  }

  /** The plan with whatever `times` remain. */
  current(): FaultPlan {
    return structuredClone(this.plan);
  }

  /** False when the rate limit rejects a request arriving at `monotonicMs`. */
  admit(monotonicMs: number): boolean {
    return this.bucket?.tryTake(monotonicMs) ?? true;
  }

  /** Retry-After seconds for rate-limit 429s, if configured. */
  retryAfterSeconds(): number | undefined {
    return this.plan.retryAfterSeconds;
  }

  /** Consumes and returns the first queued failure matching `path`. */
  takeFailure(path: RequestPath): InjectedFailure | undefined {
    const queue = this.plan.failNext ?? [];
    const index = queue.findIndex((f) => f.times > 0 && matches(f.path, path));
    const failure = queue[index];
    if (failure === undefined) return undefined;
    failure.times -= 1;
    if (failure.times === 0) queue.splice(index, 1);
    return { ...failure };
  }

  /** Delay for this response: the global latency plus a consumed slow-path delay. */
  takeDelayMs(path: RequestPath): number {
    let ms = this.plan.latencyMs ?? 0;
    const slow = this.plan.slowPathMs;
    if (slow && slow.times > 0 && matches(slow.path, path)) {
      slow.times -= 1;
      ms += slow.ms;
    }
    return ms;
  }

  /** Consumes a dropped-connection fault; returns how many body bytes to send (undefined = half). */
  takeDrop(path: RequestPath): { afterBytes: number | undefined } | undefined {
    const drop = this.plan.dropConnection;
    if (!drop || drop.times <= 0 || !matches(drop.path, path)) return undefined;
    drop.times -= 1;
    return { afterBytes: drop.afterBytes };
  }

  /** Consumes the insert-while-paging fault when `path` is read at its offset; returns the count. */
  takeInsert(path: RequestPath, offset: number): number | undefined {
    const insert = this.plan.insertWhilePaging;
    if (!insert || insert.atOffset !== offset || !matches(insert.path, path)) return undefined;
    delete this.plan.insertWhilePaging;
    return insert.count;
  }
}
