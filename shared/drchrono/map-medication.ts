/** DrChrono medication → MedicationRow. */
import { mapWithSchema } from './map-with-schema.js';
import type { MirrorMapResult } from './mirror-map-result.js';
import type { MedicationRow } from './rows.js';
import { wireMedicationSchema } from './wire-schemas.js';

/** Validates one wire medication and maps it. */
export function mapMedication(wire: unknown): MirrorMapResult<MedicationRow> {
  return mapWithSchema(wireMedicationSchema, wire, (d) => ({
    drchrono_id: d.id,
    patient_drchrono_id: d.patient,
    doctor_drchrono_id: d.doctor,
    appointment_drchrono_id: d.appointment,
    name: d.name,
    rxnorm: d.rxnorm,
    ndc: d.ndc,
    dosage_quantity: d.dosage_quantity,
    dosage_units: d.dosage_units,
    frequency: d.frequency,
    route: d.route,
    status: d.status,
    date_prescribed: d.date_prescribed,
    date_stopped_taking: d.date_stopped_taking,
    number_refills: d.number_refills,
    dispense_quantity: d.dispense_quantity,
    daw: d.daw,
    prn: d.prn,
  }));
}
