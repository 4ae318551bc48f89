/** "Dr. Smith has 1 new Rx": prescriber names and counts only, never patient data. */

/** One line per prescriber with new prescriptions, most first. */
export function newRxHighlights(createdByPrescriber: ReadonlyMap<string, { count: number; name: string | null }>): string[] {
  return [...createdByPrescriber.values()]
    .filter((e) => e.count > 0)
    .sort((a, b) => b.count - a.count)
    .map((e) => `${e.name ? `Dr. ${e.name}` : 'A prescriber'} has ${e.count} new ${e.count === 1 ? 'Rx' : 'Rxs'}`);
}
