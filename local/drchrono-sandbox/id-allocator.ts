// Record ids are unique across every practice of a sandbox, as they are across
// DrChrono accounts: that is what lets one API application's webhooks be
// routed to a practice by the doctor, office or patient they name.

/** The kinds of record that get ids. */
export type IdKind =
  | 'user'
  | 'doctor'
  | 'office'
  | 'patient'
  | 'appointment'
  | 'clinical_note'
  | 'medication'
  | 'problem'
  | 'allergy'
  | 'line_item';

// Distinct ranges make an id's kind obvious when reading logs.
const FIRST_ID: Record<IdKind, number> = {
  user: 90_001,
  doctor: 100_001,
  office: 200_001,
  patient: 50_000_001,
  appointment: 150_000_001,
  clinical_note: 300_000_001,
  medication: 400_000_001,
  problem: 500_000_001,
  allergy: 600_000_001,
  line_item: 700_000_001,
};

/** Width of one sandbox's id space: `idBase` n shifts every id by n × this. */
export const ID_SPACE = 1_000_000_000;

/** Hands out increasing ids per kind, shifted by the sandbox's id base. */
export class IdAllocator {
  private readonly last = new Map<IdKind, number>();

  // Mirror tables are unique on DrChrono's id and tests share one database:
  // sandboxes with different bases never hand out the same id.
  constructor(private readonly idBase = 0) {}

  /** The next id of `kind`. */
  next(kind: IdKind): number {
    const id = (this.last.get(kind) ?? FIRST_ID[kind] + this.idBase * ID_SPACE - 1) + 1;
    this.last.set(kind, id);
    return id;
  }
}
