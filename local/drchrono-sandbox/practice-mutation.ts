// Mutations by name, so /_sandbox can drive a practice over HTTP the way
// tests drive it in-process.
import { z } from 'zod';
import { BadRequest } from './http-io.js';
import type { SandboxPractice } from './sandbox-practice.js';

type Op = (p: SandboxPractice, id: string) => unknown;

function num(id: string): number {
  const n = Number(id);
  if (id === '' || !Number.isInteger(n)) throw new BadRequest('id must be an integer');
  return n;
}

// Removals answer null: the record is gone.
const OPS = {
  createPatient: (p) => p.createPatient(),
  modifyPatient: (p, id) => p.modifyPatient(num(id)),
  createAppointment: (p, id) => p.createAppointment(num(id)),
  modifyAppointment: (p, id) => p.modifyAppointment(id),
  deleteAppointment: (p, id) => p.deleteAppointment(id),
  createClinicalNote: (p, id) => p.createClinicalNote(id),
  lockNote: (p, id) => p.lockNote(num(id)),
  unlockNote: (p, id) => p.unlockNote(num(id)),
  createMedication: (p, id) => p.createMedication(num(id)),
  modifyMedication: (p, id) => p.modifyMedication(num(id)),
  removeMedication: (p, id) => (p.removeMedication(num(id)), null),
  createProblem: (p, id) => p.createProblem(num(id)),
  modifyProblem: (p, id) => p.modifyProblem(num(id)),
  removeProblem: (p, id) => (p.removeProblem(num(id)), null),
  createAllergy: (p, id) => p.createAllergy(num(id)),
  modifyAllergy: (p, id) => p.modifyAllergy(num(id)),
  removeAllergy: (p, id) => (p.removeAllergy(num(id)), null),
  createLineItem: (p, id) => p.createLineItem(id),
  modifyLineItem: (p, id) => p.modifyLineItem(num(id)),
  deleteLineItem: (p, id) => (p.deleteLineItem(num(id)), null),
} satisfies Record<string, Op>;

/** The name of a mutation. */
export type MutationName = keyof typeof OPS;

/** Checks a POST /_sandbox/practices/:id/mutate body: `{op, id?}` (id: the patient, appointment or record). */
export const mutationSchema = z.object({
  op: z.enum(Object.keys(OPS) as [MutationName, ...MutationName[]]),
  id: z.union([z.string(), z.number()]).optional(),
});

/** Runs one mutation; answers the changed record (null for removals). */
export function applyMutation(practice: SandboxPractice, m: z.infer<typeof mutationSchema>): unknown {
  return OPS[m.op](practice, m.id === undefined ? '' : String(m.id));
}
