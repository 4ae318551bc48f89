/** DrChrono line item → LineItemRow. */
import { mapWithSchema } from './map-with-schema.js';
import type { MirrorMapResult } from './mirror-map-result.js';
import type { LineItemRow } from './rows.js';
import { wireLineItemSchema } from './wire-schemas.js';

/** Validates one wire line item and maps it (amounts may be negative: refunds, adjustments). */
export function mapLineItem(wire: unknown): MirrorMapResult<LineItemRow> {
  return mapWithSchema(wireLineItemSchema, wire, (d) => ({
    drchrono_id: d.id,
    appointment_drchrono_id: d.appointment,
    patient_drchrono_id: d.patient,
    code: d.code,
    procedure_type: d.procedure_type,
    units: d.units,
    price: d.price,
    billed: d.billed,
    paid_total: d.paid_total,
    balance_total: d.balance_total,
    posted_date: d.posted_date,
    service_date: d.service_date,
    source_updated_at: d.updated_at,
  }));
}
