// Small built-in lists that make generated records look like pharmacy data.
// None of these are real people; NDCs are 11-digit look-alikes, not lookups.

export const FIRST_NAMES = [
  'James', 'Maria', 'Robert', 'Linda', 'Michael', 'Patricia', 'David', 'Jennifer',
  'William', 'Elizabeth', 'Richard', 'Susan', 'Joseph', 'Jessica', 'Thomas', 'Sarah',
  'Carlos', 'Karen', 'Daniel', 'Nancy', 'Anthony', 'Lisa', 'Mark', 'Betty', 'Priya',
  'Wei', 'Fatima', 'Olusegun', 'Hiroshi', 'Ana',
] as const;

export const LAST_NAMES = [
  'Smith', 'Johnson', 'Williams', 'Brown', 'Jones', 'Garcia', 'Miller', 'Davis',
  'Rodriguez', 'Martinez', 'Hernandez', 'Lopez', 'Gonzalez', 'Wilson', 'Anderson',
  'Thomas', 'Taylor', 'Moore', 'Jackson', 'Martin', 'Lee', 'Perez', 'Thompson',
  'White', 'Harris', 'Patel', 'Nguyen', 'Kim', 'Okafor', 'Chen',
] as const;

export const CITIES = [
  { city: 'Springfield', state: 'IL', zip: '62701' },
  { city: 'Columbus', state: 'OH', zip: '43215' },
  { city: 'Austin', state: 'TX', zip: '78701' },
  { city: 'Tampa', state: 'FL', zip: '33602' },
  { city: 'Raleigh', state: 'NC', zip: '27601' },
  { city: 'Denver', state: 'CO', zip: '80202' },
  { city: 'Phoenix', state: 'AZ', zip: '85004' },
  { city: 'Madison', state: 'WI', zip: '53703' },
  { city: 'Albany', state: 'NY', zip: '12207' },
  { city: 'Fresno', state: 'CA', zip: '93721' },
] as const;

export const STREETS = [
  'Main St', 'Oak Ave', 'Maple Dr', 'Cedar Ln', 'Park Blvd', 'Elm St',
  'Washington Ave', 'Lakeview Rd', 'Hillcrest Dr', 'Medical Center Pkwy',
] as const;

export const DRUGS = [
  { name: 'Atorvastatin 20 mg tablet', ndc: '00093505698' },
  { name: 'Lisinopril 10 mg tablet', ndc: '68180051301' },
  { name: 'Metformin HCl 500 mg tablet', ndc: '00093104801' },
  { name: 'Amlodipine 5 mg tablet', ndc: '00093716798' },
  { name: 'Levothyroxine 50 mcg tablet', ndc: '00378180001' },
  { name: 'Omeprazole DR 20 mg capsule', ndc: '62175013637' },
  { name: 'Simvastatin 40 mg tablet', ndc: '00093715598' },
  { name: 'Losartan 50 mg tablet', ndc: '00781570192' },
  { name: 'Albuterol HFA 90 mcg inhaler', ndc: '00173068220' },
  { name: 'Gabapentin 300 mg capsule', ndc: '00228263650' },
  { name: 'Hydrochlorothiazide 25 mg tablet', ndc: '16729018201' },
  { name: 'Sertraline 50 mg tablet', ndc: '16714061203' },
  { name: 'Montelukast 10 mg tablet', ndc: '00093742656' },
  { name: 'Amoxicillin 500 mg capsule', ndc: '65862001705' },
  { name: 'Metoprolol succinate ER 25 mg tablet', ndc: '62037083101' },
  { name: 'Escitalopram 10 mg tablet', ndc: '00093585101' },
  { name: 'Rosuvastatin 10 mg tablet', ndc: '00591377619' },
  { name: 'Prednisone 10 mg tablet', ndc: '00054001825' },
  { name: 'Furosemide 40 mg tablet', ndc: '00054829925' },
  { name: 'Pantoprazole DR 40 mg tablet', ndc: '62175061943' },
] as const;

export const SIGS = [
  'Take 1 tablet by mouth once daily',
  'Take 1 tablet by mouth twice daily',
  'Take 1 tablet by mouth at bedtime',
  'Take 1 capsule by mouth three times daily',
  'Take 2 tablets by mouth once daily with food',
  'Inhale 2 puffs every 4 to 6 hours as needed',
  'Take 1 tablet by mouth every morning',
  'Take 1/2 tablet by mouth once daily',
  'Take 1 capsule by mouth every 8 hours for 10 days',
] as const;
