/**
 * A PageSource stand-in that pages in-memory rows the way DRX does (after_date
 * filter, offset/limit, total), records every request, and can be told to fail
 * or to hold a request until released. The real adapter is tested against the
 * sandbox; this drives the engine.
 */
import type { FillRow, InvalidRecord, PrescriberRow, PrescriptionRow } from '../../shared/drx/rows.js';
import type { DrxStream, Page, PageRequest, PageSource, RowsByStream } from '../../shared/sync/page-source.js';

type Item<S extends DrxStream> = { row: RowsByStream[S] } | { invalid: InvalidRecord; date?: Date };

export interface RecordedRequest extends PageRequest {
  stream: DrxStream;
}

/** Returns an error to throw for this request, or null to answer it. */
export type FaultRule = (stream: DrxStream, req: PageRequest) => Error | null;

function dateOf(stream: DrxStream, row: PrescriberRow | PrescriptionRow | FillRow): Date | null {
  if (stream === 'prescriptions') return (row as PrescriptionRow).activityAt;
  if (stream === 'fills') return (row as FillRow).fillDate;
  return null;
}

export class ScriptedPageSource implements PageSource {
  readonly requests: RecordedRequest[] = [];
  readonly data: { [S in DrxStream]: Item<S>[] } = { doctors: [], prescriptions: [], fills: [] };
  private faults: FaultRule[] = [];
  private holds: { stream: DrxStream; offset: number; released: Promise<void>; reached: () => void }[] = [];
  /** Called on every request (e.g. to advance a ManualClock). */
  onRequest: () => void = () => undefined;

  add<S extends DrxStream>(stream: S, rows: RowsByStream[S][]): this {
    (this.data[stream] as Item<S>[]).push(...rows.map((row) => ({ row })));
    return this;
  }

  addInvalid(stream: DrxStream, invalid: InvalidRecord): this {
    this.data[stream].push({ invalid });
    return this;
  }

  /** Replaces the row with the same external id (a change on the DRX side). */
  replace<S extends DrxStream>(stream: S, row: RowsByStream[S]): void {
    const items = this.data[stream] as Item<S>[];
    const i = items.findIndex((it) => 'row' in it && it.row.externalId === row.externalId);
    items[i] = { row };
  }

  fail(rule: FaultRule): this {
    this.faults.push(rule);
    return this;
  }

  clearFaults(): void {
    this.faults = [];
  }

  /** The request for (stream, offset) waits until `release()`; `reached` resolves when it arrives. */
  hold(stream: DrxStream, offset: number): { reached: Promise<void>; release: () => void } {
    let release!: () => void;
    let reached!: () => void;
    const released = new Promise<void>((r) => (release = r));
    const reachedP = new Promise<void>((r) => (reached = r));
    this.holds.push({ stream, offset, released, reached });
    return { reached: reachedP, release };
  }

  async fetchPage<S extends DrxStream>(stream: S, req: PageRequest): Promise<Page<S>> {
    this.requests.push({ stream, ...req });
    this.onRequest();
    const hold = this.holds.find((h) => h.stream === stream && h.offset === req.offset);
    if (hold) {
      this.holds = this.holds.filter((h) => h !== hold);
      hold.reached();
      await hold.released;
    }
    for (const rule of this.faults) {
      const err = rule(stream, req);
      if (err) throw err;
    }
    const items = (this.data[stream] as Item<S>[]).filter((it) => {
      if (req.afterDate === null || stream === 'doctors') return true;
      const d = 'row' in it ? dateOf(stream, it.row) : (it.date ?? null);
      return d !== null && d.getTime() > (req.afterDate as Date).getTime();
    });
    const slice = items.slice(req.offset, req.offset + req.limit);
    const rows = slice.flatMap((it) => ('row' in it ? [it.row] : []));
    const dates = rows.map((r) => dateOf(stream, r)).filter((d): d is Date => d !== null);
    return {
      stream,
      offset: req.offset,
      fetched: slice.length,
      total: items.length,
      rows,
      invalid: slice.flatMap((it) => ('invalid' in it ? [it.invalid] : [])),
      maxDate: dates.length ? new Date(Math.max(...dates.map((d) => d.getTime()))) : null,
      last: slice.length < req.limit || req.offset + slice.length >= items.length,
    };
  }
}
