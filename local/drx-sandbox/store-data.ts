// One store's records, indexed the way the API reads them: doctors by id,
// prescriptions by (filter date, id), fills by (fill_date, id).
import { applyFills } from './prescription-factory.js';
import { SortedIndex } from './sorted-index.js';
import type { IndexedRow } from './sorted-index.js';
import type { Doctor, Fill, Prescription, ValidFill } from './wire.js';

/** The in-memory database behind one sandbox store. */
export class StoreData {
  readonly prescriptions = new SortedIndex<Prescription>();
  readonly fills = new SortedIndex<Fill>();
  private readonly doctorList: Doctor[] = [];
  private readonly doctorsByKey = new Map<string, Doctor>();
  private readonly rxRows = new Map<number, IndexedRow<Prescription>>();
  private readonly fillRows = new Map<number, IndexedRow<Fill>>();
  private readonly validFillsByRx = new Map<number, ValidFill[]>();
  private readonly invalidRx = new Set<number>();
  private readonly invalidFills = new Set<number>();
  private lastRxId = 0;
  private lastFillId = 0;

  /** Adds a doctor; callers add them in ascending id order. */
  addDoctor(doctor: Doctor): void {
    this.doctorList.push(doctor);
    this.doctorsByKey.set(`id:${doctor.id}`, doctor);
    if (doctor.npi !== undefined) this.doctorsByKey.set(`npi:${doctor.npi}`, doctor);
  }

  /** Adds a prescription; until it has fills it sorts by created_at. */
  addPrescription(rx: Prescription, valid: boolean): void {
    this.rxRows.set(rx.id, this.prescriptions.add(Date.parse(rx.created_at), rx.id, rx));
    if (!valid) this.invalidRx.add(rx.id);
    this.lastRxId = Math.max(this.lastRxId, rx.id);
  }

  /** Adds an invalid fill: listed by /prescription-fills but never nested in its prescription. */
  addInvalidFill(fill: Fill): void {
    this.indexFill(fill);
    this.invalidFills.add(fill.id);
  }

  /** Adds a valid fill and updates its prescription's nested fills, quantity and sort date. */
  addFill(fill: ValidFill): void {
    this.indexFill(fill);
    const rx = this.prescription(fill.prescription_id);
    if (!rx) throw new Error(`fill ${fill.id} names unknown prescription ${fill.prescription_id}`);
    const list = this.validFillsByRx.get(rx.id) ?? [];
    list.push(fill);
    list.sort((a, b) => a.fill_date.localeCompare(b.fill_date) || a.id - b.id);
    this.validFillsByRx.set(rx.id, list);
    rx.total_qty_remaining = Math.max(0, rx.total_qty_remaining - fill.dispensed_quantity);
    if (fill.updated_at > rx.updated_at) rx.updated_at = fill.updated_at;
    this.refresh(rx);
  }

  private indexFill(fill: Fill): void {
    this.fillRows.set(fill.id, this.fills.add(Date.parse(fill.fill_date), fill.id, fill));
    this.lastFillId = Math.max(this.lastFillId, fill.id);
  }

  /** Re-derives a prescription's fill fields and sort date after one of its fills changed. */
  refresh(rx: Prescription): void {
    const fills = this.validFillsByRx.get(rx.id) ?? [];
    applyFills(rx, fills);
    const row = this.rxRows.get(rx.id);
    const last = fills.at(-1);
    if (row) this.prescriptions.rekey(row, Date.parse(last ? last.fill_date : rx.created_at));
  }

  /** Doctors ordered by id. */
  doctors(): readonly Doctor[] {
    return this.doctorList;
  }

  /** A doctor by numeric id or by NPI. */
  doctor(idOrNpi: string): Doctor | undefined {
    return this.doctorsByKey.get(`id:${idOrNpi}`) ?? this.doctorsByKey.get(`npi:${idOrNpi}`);
  }

  /** A prescription by id. */
  prescription(id: number): Prescription | undefined {
    return this.rxRows.get(id)?.record;
  }

  /** A fill by id. */
  fill(id: number): Fill | undefined {
    return this.fillRows.get(id)?.record;
  }

  /** True when the prescription was generated valid. */
  isValidPrescription(id: number): boolean {
    return this.rxRows.has(id) && !this.invalidRx.has(id);
  }

  /** True when the fill was generated valid. */
  isValidFill(id: number): boolean {
    return this.fillRows.has(id) && !this.invalidFills.has(id);
  }

  /** Ids of valid prescriptions, ascending. */
  validPrescriptionIds(): number[] {
    return [...this.rxRows.keys()].filter((id) => !this.invalidRx.has(id)).sort((a, b) => a - b);
  }

  /** Ids of valid fills, ascending. */
  validFillIds(): number[] {
    return [...this.fillRows.keys()].filter((id) => !this.invalidFills.has(id)).sort((a, b) => a - b);
  }

  /** The next unused prescription id. */
  nextPrescriptionId(): number {
    return this.lastRxId + 1;
  }

  /** The next unused fill id. */
  nextFillId(): number {
    return this.lastFillId + 1;
  }
}
