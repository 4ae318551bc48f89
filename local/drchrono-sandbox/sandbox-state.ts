// Everything one sandbox (one DrChrono API application) holds: practices,
// OAuth grants, the hourly budget, faults, bulk jobs and the webhook sender.
import { BulkJobs } from './bulk-jobs.js';
import { FaultState } from './fault-state.js';
import { HourlyBudget } from './hourly-budget.js';
import { IdAllocator } from './id-allocator.js';
import { Practice } from './practice.js';
import { resolvePracticeOptions } from './practice-options.js';
import type { PracticeOptions } from './practice-options.js';
import { StatsCounter } from './sandbox-stats.js';
import { TokenAuthority } from './token-authority.js';
import type { OAuthClient } from './token-endpoint.js';
import { WebhookSender } from './webhook-sender.js';

/** Shared state behind the HTTP servers and the programmatic API. */
export class SandboxState {
  readonly practices = new Map<string, Practice>();
  readonly ids: IdAllocator;
  readonly faults = new FaultState();
  readonly budget = new HourlyBudget();
  readonly bulk = new BulkJobs();
  readonly webhooks = new WebhookSender();
  readonly stats = new StatsCounter();
  readonly authority: TokenAuthority;

  constructor(
    readonly client: OAuthClient,
    readonly now: () => Date,
    tokenTtlSeconds: number,
    idBase: number,
  ) {
    this.ids = new IdAllocator(idBase);
    this.authority = new TokenAuthority(now, tokenTtlSeconds);
  }

  /** Generates a practice; throws an Error naming the bad field, or if the id exists. */
  addPractice(input: PracticeOptions): Practice {
    const opts = resolvePracticeOptions(input);
    if (this.practices.has(opts.id)) throw new Error(`practice ${opts.id} already exists`);
    const group = 7000 + this.practices.size + 1;
    const practice = new Practice(opts, group, {
      ids: this.ids,
      now: this.now,
      emit: (event, object) => void this.webhooks.send(event, object),
    });
    this.practices.set(practice.id, practice);
    return practice;
  }

  /** The practice with that id; throws if unknown. */
  practice(id: string): Practice {
    const p = this.practices.get(id);
    if (!p) throw new Error(`unknown practice ${id}`);
    return p;
  }
}
