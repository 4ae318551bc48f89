/** How the benchmark prints: aligned figures, ratios against same-run baselines, and PASS/MISS per target. */

export interface TargetResult {
  name: string;
  measured: string;
  target: string;
  /** null when the scenario could not produce the figure (it crashed or was skipped). */
  pass: boolean | null;
  note?: string;
}

/** 12,345 */
export function int(n: number): string {
  return Math.round(n).toLocaleString('en-US');
}

/** 1.23 s */
export function secs(s: number): string {
  return `${s.toFixed(2)} s`;
}

/** 0.57 */
export function ratio(r: number): string {
  return Number.isFinite(r) ? r.toFixed(2) : 'n/a';
}

/** PASS / MISS / n/a */
export function verdict(pass: boolean | null): string {
  return pass === null ? 'n/a' : pass ? 'PASS' : 'MISS';
}

/** One line of benchmark output, prefixed so it stands out from anything else on stdout. */
export function say(line: string): void {
  process.stdout.write(`${line}\n`);
}

/** A section heading. */
export function heading(title: string): void {
  say('');
  say(`== ${title} ${'='.repeat(Math.max(0, 74 - title.length))}`);
}

/** The closing table: one row per target. */
export function printTargets(targets: readonly TargetResult[]): void {
  heading('targets');
  const w = [Math.max(...targets.map((t) => t.name.length), 6), Math.max(...targets.map((t) => t.measured.length), 8),
    Math.max(...targets.map((t) => t.target.length), 6)];
  const row = (a: string, b: string, c: string, d: string) => say(`${a.padEnd(w[0] ?? 0)}  ${b.padEnd(w[1] ?? 0)}  ${c.padEnd(w[2] ?? 0)}  ${d}`);
  row('target', 'measured', 'goal', 'result');
  row('-'.repeat(w[0] ?? 0), '-'.repeat(w[1] ?? 0), '-'.repeat(w[2] ?? 0), '------');
  for (const t of targets) row(t.name, t.measured, t.target, `${verdict(t.pass)}${t.note ? `  (${t.note})` : ''}`);
  const passed = targets.filter((t) => t.pass === true).length;
  say(`${passed}/${targets.length} targets met`);
}
