/** DrChrono patient → PatientRow. */
import { mapWithSchema } from './map-with-schema.js';
import type { MirrorMapResult } from './mirror-map-result.js';
import type { PatientRow } from './rows.js';
import { wirePatientSchema } from './wire-schemas.js';

/** Validates one wire patient and maps it (the address parts become one JSON object). */
export function mapPatient(wire: unknown): MirrorMapResult<PatientRow> {
  return mapWithSchema(wirePatientSchema, wire, (d) => {
    const address = { address: d.address, city: d.city, state: d.state, zip_code: d.zip_code };
    const hasAddress = Object.values(address).some((v) => v !== null);
    return {
      drchrono_id: d.id,
      chart_id: d.chart_id,
      doctor_drchrono_id: d.doctor,
      first_name: d.first_name,
      last_name: d.last_name,
      date_of_birth: d.date_of_birth,
      gender: d.gender,
      email: d.email,
      cell_phone: d.cell_phone,
      home_phone: d.home_phone,
      address: hasAddress ? JSON.stringify(address) : null,
      patient_status: d.patient_status,
      default_pharmacy: d.default_pharmacy,
      source_updated_at: d.updated_at,
    };
  });
}
