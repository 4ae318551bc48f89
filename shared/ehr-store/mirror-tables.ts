/** The column list of every EHR mirror table, one place the generic upsert reads. */
import type { InsuranceRow, MirrorKind, MirrorRowByKind } from '../drchrono/rows.js';
import type { FetchOrderedKind } from './fetch-order.js';
import type { TableSpec } from './table-spec.js';

// DrChrono sends scheduled_time as clinic wall-clock time without a zone; the
// mapper stores it as if it were UTC, so its UTC date is the visit's date.
/** SQL for an appointment's visit date from its stored scheduled_time (alias `a`). */
export const VISIT_DATE_SQL = `(a.scheduled_time at time zone 'UTC')::date`;

const common = { raw: { type: 'jsonb' }, content_hash: { type: 'text' } } as const;

/** Specs keyed by kind: each is exactly the columns of MirrorRowByKind[kind], fetch-ordered exactly for FetchOrderedKind. */
export const MIRROR_TABLES: {
  readonly [K in MirrorKind]: TableSpec<MirrorRowByKind[K]> & (K extends FetchOrderedKind ? { fetchOrdered: true } : { fetchOrdered?: never });
} = {
  patients: {
    table: 'patients',
    key: ['drchrono_id'],
    columns: {
      drchrono_id: { type: 'bigint' }, chart_id: { type: 'text' }, doctor_drchrono_id: { type: 'bigint' },
      first_name: { type: 'text' }, last_name: { type: 'text' }, date_of_birth: { type: 'date' }, gender: { type: 'text' },
      email: { type: 'text' }, cell_phone: { type: 'text' }, home_phone: { type: 'text' }, address: { type: 'jsonb' },
      patient_status: { type: 'text' }, default_pharmacy: { type: 'text' }, source_updated_at: { type: 'timestamptz' },
      ...common,
    },
  },
  appointments: {
    table: 'appointments',
    key: ['drchrono_id'],
    columns: {
      drchrono_id: { type: 'text' }, patient_drchrono_id: { type: 'bigint' }, doctor_drchrono_id: { type: 'bigint' },
      office_drchrono_id: { type: 'bigint' }, scheduled_time: { type: 'timestamptz' }, duration: { type: 'integer' },
      status: { type: 'text' }, reason: { type: 'text' }, icd10_codes: { type: 'jsonb', select: `coalesce(r.icd10_codes::jsonb, '[]')` },
      source_updated_at: { type: 'timestamptz' },
      ...common,
    },
  },
  clinical_notes: {
    table: 'clinical_notes',
    key: ['drchrono_id'],
    columns: {
      drchrono_id: { type: 'bigint' }, patient_drchrono_id: { type: 'bigint' }, appointment_drchrono_id: { type: 'text' },
      // The visit date comes from the appointment when we hold it (Deep Cura links by patient and date).
      note_date: {
        type: 'date',
        select: `coalesce(r.note_date, (select ${VISIT_DATE_SQL} from appointments a where a.drchrono_id = r.appointment_drchrono_id))`,
      },
      locked: { type: 'boolean', select: 'coalesce(r.locked, false)' }, pdf: { type: 'text' },
      sections: { type: 'jsonb', select: `coalesce(r.sections::jsonb, '[]')` }, source_updated_at: { type: 'timestamptz' },
      ...common,
    },
  },
  medications: {
    table: 'medications',
    key: ['drchrono_id'],
    fetchOrdered: true,
    columns: {
      drchrono_id: { type: 'bigint' }, patient_drchrono_id: { type: 'bigint' }, doctor_drchrono_id: { type: 'bigint' },
      appointment_drchrono_id: { type: 'text' }, name: { type: 'text' }, rxnorm: { type: 'text' }, ndc: { type: 'text' },
      dosage_quantity: { type: 'text' }, dosage_units: { type: 'text' }, frequency: { type: 'text' }, route: { type: 'text' },
      status: { type: 'text' }, date_prescribed: { type: 'date' }, date_stopped_taking: { type: 'date' },
      number_refills: { type: 'integer' }, dispense_quantity: { type: 'numeric' }, daw: { type: 'boolean' }, prn: { type: 'boolean' },
      ...common,
    },
  },
  problems: {
    table: 'problems',
    key: ['drchrono_id'],
    fetchOrdered: true,
    columns: {
      drchrono_id: { type: 'bigint' }, patient_drchrono_id: { type: 'bigint' }, name: { type: 'text' }, icd_code: { type: 'text' },
      icd_version: { type: 'text' }, snomed_ct_code: { type: 'text' }, status: { type: 'text' }, date_onset: { type: 'date' },
      date_diagnosis: { type: 'date' },
      ...common,
    },
  },
  allergies: {
    table: 'allergies',
    key: ['drchrono_id'],
    fetchOrdered: true,
    columns: {
      drchrono_id: { type: 'bigint' }, patient_drchrono_id: { type: 'bigint' }, description: { type: 'text' },
      reaction: { type: 'text' }, snomed_code: { type: 'text' }, rxnorm: { type: 'text' }, status: { type: 'text' },
      ...common,
    },
  },
  line_items: {
    table: 'line_items',
    key: ['drchrono_id'],
    columns: {
      drchrono_id: { type: 'bigint' }, appointment_drchrono_id: { type: 'text' }, patient_drchrono_id: { type: 'bigint' },
      code: { type: 'text' }, procedure_type: { type: 'text' }, units: { type: 'numeric' }, price: { type: 'numeric' },
      billed: { type: 'numeric' }, paid_total: { type: 'numeric' }, balance_total: { type: 'numeric' },
      posted_date: { type: 'date' }, service_date: { type: 'date' }, source_updated_at: { type: 'timestamptz' },
      ...common,
    },
  },
};

/** Insurance slots: keyed by patient and slot (DrChrono gives them no id of their own). */
export const INSURANCES_TABLE: TableSpec<InsuranceRow> = {
  table: 'insurances',
  key: ['patient_drchrono_id', 'slot'],
  columns: {
    patient_drchrono_id: { type: 'bigint' }, slot: { type: 'text' }, payer_name: { type: 'text' }, payer_id: { type: 'text' },
    plan_name: { type: 'text' }, member_id: { type: 'text' }, group_number: { type: 'text' },
    ...common,
  },
};
