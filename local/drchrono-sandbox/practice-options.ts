// What a practice (one DrChrono account) is generated from; the same options
// and seed give the same records.
import { z } from 'zod';

const count = z.number().int().min(0);

/** Checks addPractice options, programmatic or over /_sandbox. */
export const practiceOptionsSchema = z.object({
  id: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'id must be 1-64 letters, digits, _ or -'),
  name: z.string().min(1).optional(),
  seed: z.number().int(),
  doctors: z.number().int().min(1),
  offices: z.number().int().min(1),
  patients: count,
  appointmentsPerPatient: count.optional(),
  notesPerAppointment: z.number().int().min(0).max(1).optional(),
  medsPerPatient: count.optional(),
  problemsPerPatient: count.optional(),
  allergiesPerPatient: count.optional(),
  lineItemsPerAppointment: count.optional(),
});

/** addPractice options. */
export type PracticeOptions = z.infer<typeof practiceOptionsSchema>;

/** Options with every default filled in. */
export type ResolvedPracticeOptions = Required<PracticeOptions>;

/** Validates and fills defaults; throws an Error naming the bad field. */
export function resolvePracticeOptions(input: PracticeOptions): ResolvedPracticeOptions {
  const parsed = practiceOptionsSchema.safeParse(input);
  if (!parsed.success) throw new Error(describeZodError(parsed.error));
  const o = parsed.data;
  return {
    id: o.id,
    name: o.name ?? `Practice ${o.id}`,
    seed: o.seed,
    doctors: o.doctors,
    offices: o.offices,
    patients: o.patients,
    appointmentsPerPatient: o.appointmentsPerPatient ?? 2,
    notesPerAppointment: o.notesPerAppointment ?? 1,
    medsPerPatient: o.medsPerPatient ?? 2,
    problemsPerPatient: o.problemsPerPatient ?? 2,
    allergiesPerPatient: o.allergiesPerPatient ?? 1,
    lineItemsPerAppointment: o.lineItemsPerAppointment ?? 1,
  };
}

/** One line naming the first bad field. */
export function describeZodError(error: z.ZodError): string {
  const issue = error.issues[0];
  if (!issue) return 'invalid input';
  return `${issue.path.join('.') || 'body'}: ${issue.message}`;
}
