/**
 * The runner writes a header line before each step's output and a footer line after it, so a
 * log can be cut back into steps:
 *
 *   ==> step test: npm test
 *   …output…
 *   <== step test failed (exit code 1) in 12.3s
 */
export const stepHeader = (name: string, command: string) => `==> step ${name}: ${command}\n`;
export const stepFooter = (name: string, outcome: string) => `<== step ${name} ${outcome}\n`;

const HEADER = /^==> step (.+?): /;

/** The output of one step (without its header and footer), or undefined when the log has no such section. */
export function stepSection(logs: string, step: string): string | undefined {
  const lines = logs.split("\n");
  const start = lines.findIndex((l) => HEADER.exec(l)?.[1] === step);
  if (start < 0) return undefined;
  const out: string[] = [];
  for (const line of lines.slice(start + 1)) {
    if (line.startsWith(`<== step ${step} `) || HEADER.test(line)) break;
    out.push(line);
  }
  return out.join("\n");
}
