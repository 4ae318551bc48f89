/** The port between the sync engine and a pharmacy system: pages of validated rows. */
import type { FillRow, InvalidRecord, PrescriberRow, PrescriptionRow } from '../drx/rows.js';

export type DrxStream = 'doctors' | 'prescriptions' | 'fills';
/** Streams run in this order: prescriptions reference doctors, fills reference prescriptions. */
export const DRX_STREAMS: readonly DrxStream[] = ['doctors', 'prescriptions', 'fills'];

export interface RowsByStream {
  doctors: PrescriberRow;
  prescriptions: PrescriptionRow;
  fills: FillRow;
}

/** A raw record's external id and the content hash its row would get. */
export interface UnchangedCandidate {
  externalId: string;
  hash: string;
}

/**
 * Answers which candidates are stored with that very hash: the hashes among them
 * that need no write. Supplied by the sync engine; the source never sees the database.
 */
export type KnownUnchanged = (stream: 'prescriptions' | 'fills', candidates: readonly UnchangedCandidate[]) => Promise<Set<string>>;

export interface PageRequest {
  /** Exclusive lower bound sent as after_date; null = no date filter. Ignored by doctors. */
  afterDate: Date | null;
  offset: number;
  limit: number;
  /**
   * When given, prescriptions and fills stored with an equal content hash are
   * neither validated nor mapped: they only count in `skippedUnchanged`.
   */
  knownUnchanged?: KnownUnchanged;
}

export interface Page<S extends DrxStream> {
  stream: S;
  offset: number;
  /** Records on the wire page (valid + invalid): the next offset is offset + fetched. */
  fetched: number;
  /** `total` as the API reported it for this request. */
  total: number;
  rows: RowsByStream[S][];
  invalid: InvalidRecord[];
  /** Valid records left out of `rows` because knownUnchanged said they are stored as they are (absent = 0). */
  skippedUnchanged?: number;
  /** Largest filter date among the page's valid rows, skipped ones included (activityAt / fillDate); null for doctors. */
  maxDate: Date | null;
  /** fetched < limit or offset + fetched ≥ total. */
  last: boolean;
}

/** One pharmacy's DRX data as validated pages. Implementations retry and rate-limit inside. */
export interface PageSource {
  fetchPage<S extends DrxStream>(stream: S, req: PageRequest, signal?: AbortSignal): Promise<Page<S>>;
}
