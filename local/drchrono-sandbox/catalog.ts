// Fixed vocabularies for generated records: invented names (no real people),
// real code systems (ICD-10-CM, CPT, RxNorm/NDC, SNOMED CT) so mappers see
// realistic values.

export const FIRST_NAMES = [
  'Avery', 'Briar', 'Calder', 'Delphine', 'Emrys', 'Fennick', 'Galen', 'Halcy', 'Isolde', 'Jorvik',
  'Kestra', 'Linnea', 'Maelis', 'Nerio', 'Orsolya', 'Pellam', 'Quinlan', 'Rosalind', 'Sorrel', 'Tamsin',
  'Ulric', 'Vesna', 'Wrenna', 'Xanthe', 'Yorick', 'Zephyra',
] as const;

export const LAST_NAMES = [
  'Ashgrove', 'Brightwater', 'Coldfell', 'Dunmere', 'Elderberry', 'Foxhollow', 'Greymantle', 'Hollowell',
  'Ironwood', 'Juniperly', 'Kettleby', 'Larkspur', 'Marchbank', 'Nettlefield', 'Oakhurst', 'Pemberwick',
  'Quillfeather', 'Ravensloe', 'Stonebridge', 'Thistlewood', 'Underhay', 'Valebrook', 'Whitlock', 'Yarrowby',
] as const;

export const SPECIALTIES = ['Family Medicine', 'Internal Medicine', 'Pediatrics', 'Cardiology', 'Endocrinology'] as const;

/** City, state and a ZIP prefix, so addresses look consistent. */
export const CITIES = [
  { city: 'Springfield', state: 'IL', zip: '627' },
  { city: 'Riverton', state: 'WY', zip: '825' },
  { city: 'Fairview', state: 'OR', zip: '970' },
  { city: 'Greenville', state: 'SC', zip: '296' },
  { city: 'Madison', state: 'WI', zip: '537' },
] as const;

export const STREETS = ['Maple Ave', 'Cedar Ln', 'Harbor Rd', 'Willow St', 'Summit Dr', 'Orchard Way'] as const;

export const PHARMACIES = ['NCPDP 0512345', 'NCPDP 1438762', 'NCPDP 2287190', 'NCPDP 3391024'] as const;

/** ICD-10-CM diagnoses with SNOMED CT equivalents, for problems and appointments. */
export const DIAGNOSES = [
  { icd: 'E11.9', snomed: '44054006', name: 'Type 2 diabetes mellitus without complications' },
  { icd: 'I10', snomed: '38341003', name: 'Essential (primary) hypertension' },
  { icd: 'J45.909', snomed: '195967001', name: 'Unspecified asthma, uncomplicated' },
  { icd: 'E78.5', snomed: '55822004', name: 'Hyperlipidemia, unspecified' },
  { icd: 'M54.50', snomed: '279039007', name: 'Low back pain, unspecified' },
  { icd: 'F41.1', snomed: '21897009', name: 'Generalized anxiety disorder' },
  { icd: 'K21.9', snomed: '235595009', name: 'Gastro-esophageal reflux disease without esophagitis' },
  { icd: 'J06.9', snomed: '54150009', name: 'Acute upper respiratory infection, unspecified' },
] as const;

/** CPT codes billed on line items, with list prices in dollars. */
export const PROCEDURES = [
  { code: '99213', description: 'Office visit, established patient, low complexity', price: 110 },
  { code: '99214', description: 'Office visit, established patient, moderate complexity', price: 165 },
  { code: '99203', description: 'Office visit, new patient, low complexity', price: 150 },
  { code: '93000', description: 'Electrocardiogram with interpretation', price: 60 },
  { code: '36415', description: 'Routine venipuncture', price: 15 },
  { code: '83036', description: 'Hemoglobin A1c', price: 35 },
] as const;

/** Medications with RxNorm CUIs and NDCs. */
export const MEDICATIONS = [
  { name: 'Metformin 500 MG Oral Tablet', rxnorm: '861007', ndc: '00093-1048-01', qty: '1', units: 'tablet', route: 'oral' },
  { name: 'Lisinopril 10 MG Oral Tablet', rxnorm: '314076', ndc: '00172-3759-60', qty: '1', units: 'tablet', route: 'oral' },
  { name: 'Atorvastatin 20 MG Oral Tablet', rxnorm: '617310', ndc: '00378-2075-77', qty: '1', units: 'tablet', route: 'oral' },
  { name: 'Albuterol 0.09 MG/ACTUAT Metered Dose Inhaler', rxnorm: '745679', ndc: '00173-0682-20', qty: '2', units: 'puff', route: 'inhalation' },
  { name: 'Omeprazole 20 MG Delayed Release Oral Capsule', rxnorm: '198053', ndc: '00093-5171-56', qty: '1', units: 'capsule', route: 'oral' },
  { name: 'Sertraline 50 MG Oral Tablet', rxnorm: '312940', ndc: '16729-0213-01', qty: '1', units: 'tablet', route: 'oral' },
] as const;

export const FREQUENCIES = ['once daily', 'twice daily', 'every 4 hours as needed', 'at bedtime'] as const;

/** Allergens with SNOMED codes and, for drugs, RxNorm ingredients. */
export const ALLERGENS = [
  { description: 'Penicillin', snomed: '91936005', rxnorm: '70618' },
  { description: 'Sulfonamide antibiotics', snomed: '91939003', rxnorm: '10180' },
  { description: 'Peanut', snomed: '91935009', rxnorm: '' },
  { description: 'Latex', snomed: '300916003', rxnorm: '' },
  { description: 'Codeine', snomed: '91928007', rxnorm: '2670' },
] as const;

export const REACTIONS = ['Hives', 'Rash', 'Anaphylaxis', 'Nausea', 'Swelling'] as const;

export const VISIT_REASONS = ['Follow-up', 'Annual physical', 'Medication review', 'Sick visit', 'Lab review'] as const;

export const APPOINTMENT_STATUSES = ['Confirmed', 'Arrived', 'Checked In', 'In Session', 'Complete', 'Cancelled'] as const;

/** Payers for insurance slots (payer ids in the usual clearinghouse style). */
export const PAYERS = [
  { company: 'Northwind Health Plan', payerId: '60054', plans: ['Choice POS II', 'Open Access HMO'] },
  { company: 'Bluestone Mutual', payerId: '00710', plans: ['PPO Gold', 'EPO Silver'] },
  { company: 'Medicare Part B', payerId: '04412', plans: ['Original Medicare'] },
] as const;
