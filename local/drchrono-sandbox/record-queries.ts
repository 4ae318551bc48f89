// Which records a list request selects, in ascending id order, before paging.
// Shared by the list endpoints and the bulk jobs.
import { BadRequest } from './http-io.js';
import { dateParam, dateRangeParam, matchesId, updatedSince } from './list-filters.js';
import type { PracticeData } from './practice-data.js';
import { dayOf } from './time.js';
import type { Patient } from './wire.js';

/** List endpoints the sandbox serves, by path segment. */
export const LIST_KINDS = [
  'doctors',
  'offices',
  'patients',
  'appointments',
  'clinical_notes',
  'medications',
  'problems',
  'allergies',
  'line_items',
  'line_item_deletions',
] as const;

/** A list endpoint. */
export type ListKind = (typeof LIST_KINDS)[number];

/** A patient as served; insurance only when verbose (contract: "only in verbose=true patient reads"). */
export function patientView(db: PracticeData, p: Patient, verbose: boolean): object {
  if (!verbose) return p;
  const ins = db.insurance.get(p.id);
  return { ...p, primary_insurance: ins?.primary_insurance ?? null, secondary_insurance: ins?.secondary_insurance ?? null };
}

function appointmentWindow(params: URLSearchParams): (scheduled: string) => boolean {
  const occurredSince = dateParam(params, 'occurred_since');
  const date = dateParam(params, 'date');
  const range = dateRangeParam(params);
  return (scheduled) => {
    const day = dayOf(scheduled);
    return (
      (occurredSince === undefined || day >= occurredSince) &&
      (date === undefined || day === date) &&
      (range === undefined || (day >= range.from && day <= range.to))
    );
  };
}

/** The records of `kind` matching the query parameters; throws BadRequest on a bad query. */
export function selectRecords(db: PracticeData, kind: ListKind, params: URLSearchParams): { id: number | string }[] {
  const since = dateParam(params, 'since');
  const by = (name: string, v: number | string | null): boolean => matchesId(params, name, v);
  switch (kind) {
    case 'doctors':
      return db.doctors;
    case 'offices':
      return db.offices;
    case 'patients': {
      const verbose = params.get('verbose') === 'true';
      return [...db.patients.values()]
        .filter((p) => updatedSince(p, since) && by('doctor', p.doctor))
        .map((p) => ({ id: p.id, ...patientView(db, p, verbose) }));
    }
    case 'appointments': {
      if (!['since', 'occurred_since', 'date', 'date_range'].some((n) => (params.get(n) ?? '') !== '')) {
        throw new BadRequest('Must provide one of: since, occurred_since, date, date_range.');
      }
      const inWindow = appointmentWindow(params);
      return [...db.appointments.values()].filter(
        (a) =>
          updatedSince(a, since) && inWindow(a.scheduled_time) && by('patient', a.patient) && by('doctor', a.doctor) && by('office', a.office),
      );
    }
    case 'clinical_notes':
      return [...db.clinicalNotes.values()].filter(
        (n) => updatedSince(n, since) && by('patient', n.patient) && by('appointment', n.appointment),
      );
    // No `since` on chart lists (contract): a client must ask per patient.
    case 'medications':
      return [...db.medications.values()].filter((m) => by('patient', m.patient) && by('doctor', m.doctor));
    case 'problems':
      return [...db.problems.values()].filter((p) => by('patient', p.patient));
    case 'allergies':
      return [...db.allergies.values()].filter((a) => by('patient', a.patient));
    case 'line_items':
      return [...db.lineItems.values()].filter(
        (l) => updatedSince(l, since) && by('patient', l.patient) && by('appointment', l.appointment),
      );
    case 'line_item_deletions':
      return db.lineItemDeletions
        .filter((d) => since === undefined || dayOf(d.deleted_at) >= since)
        .sort((a, b) => a.id - b.id);
  }
}
