/** Reads a piped secret from stdin, so it never appears in shell history or `ps`. */

/** All of stdin as text, or undefined when stdin is a terminal and `force` is off. */
export async function readPipedStdin(force: boolean): Promise<string | undefined> {
  if (process.stdin.isTTY && !force) return undefined;
  if (process.stdin.isTTY) process.stderr.write('DRX API key (then Enter, Ctrl-D): ');
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk)));
  return Buffer.concat(chunks).toString('utf8');
}
