/** The PageSource over DRX: fetch a wire page, validate and map each record, report the page's extent. */
import type { DrxStream, Page, PageRequest, PageSource, RowsByStream } from '../sync/page-source.js';
import type { DrxHttpClient } from './drx-http-client.js';
import { mapDoctor } from './map-doctor.js';
import { mapFill } from './map-fill.js';
import { mapPrescription } from './map-prescription.js';
import type { MapResult } from './map-result.js';
import type { InvalidRecord } from './rows.js';
import { planSkips, type SkipPlan } from './skip-unchanged.js';

type Mapper<S extends DrxStream> = (wire: unknown, fallbackId: string) => MapResult<RowsByStream[S]>;

const MAPPERS: { [S in DrxStream]: Mapper<S> } = {
  doctors: mapDoctor,
  prescriptions: mapPrescription,
  fills: mapFill,
};

// The date the stream's after_date filter sees; doctors have no filter.
const FILTER_DATE: { [S in DrxStream]: (row: RowsByStream[S]) => Date | null } = {
  doctors: () => null,
  prescriptions: (row) => row.activityAt,
  fills: (row) => row.fillDate,
};

/** Adapts a DRX HTTP client to the sync engine's PageSource port. */
export function createDrxPageSource(client: DrxHttpClient): PageSource {
  return {
    async fetchPage<S extends DrxStream>(stream: S, req: PageRequest, signal?: AbortSignal): Promise<Page<S>> {
      const { total, items } = await client.listPage(stream, req, signal);
      const map = MAPPERS[stream] as Mapper<S>;
      const filterDate = FILTER_DATE[stream] as (row: RowsByStream[S]) => Date | null;
      const rows: RowsByStream[S][] = [];
      const invalid: InvalidRecord[] = [];
      // Only a sync that can tell what is stored skips; doctors are few and always mapped.
      const skips: SkipPlan | null =
        req.knownUnchanged && stream !== 'doctors' ? await planSkips(stream, items, req.knownUnchanged) : null;
      // Skipped records' dates still count: the window must cover every record of the page.
      let maxDate: Date | null = skips?.maxDate ?? null;
      items.forEach((item, i) => {
        if (skips?.skip[i]) return;
        const result = map(item, `unknown@${req.offset + i}`);
        if (!result.ok) {
          invalid.push(result.invalid);
          return;
        }
        rows.push(result.row);
        const d = filterDate(result.row);
        if (d !== null && (maxDate === null || d > maxDate)) maxDate = d;
      });
      const fetched = items.length;
      return {
        stream,
        offset: req.offset,
        fetched,
        total,
        rows,
        invalid,
        skippedUnchanged: skips?.skipped ?? 0,
        maxDate,
        last: fetched < req.limit || req.offset + fetched >= total,
      };
    },
  };
}
