import type { SourceLocation } from "./log-text.js";

export interface LintIssue extends SourceLocation {
  severity: "error" | "warning";
  message: string;
  rule: string | null;
  raw: string;
}

const RULE = String.raw`(?:@[\w.-]+\/)?[\w-]+(?:\/[\w-]+)?`;
const FILE = String.raw`\S+?\.(?:[cm]?[jt]sx?|vue|svelte|json|md|css|scss)`;
// stylish, under a file line:     4:7  error  'unused' is assigned a value but never used  no-unused-vars
const STYLISH = new RegExp(String.raw`^\s+(\d+):(\d+)\s+(error|warning)\s+(.+?)(?:\s{2,}(${RULE}))?\s*$`);
const FILE_LINE = new RegExp(String.raw`^(${FILE})\s*$`);
// one line per problem: src/index.ts:4:7 error 'unused' is … never used  no-unused-vars
const INLINE = new RegExp(String.raw`^\s*(${FILE}):(\d+):(\d+):?\s+(error|warning)\s+(.+?)(?:\s{2,}(${RULE}))?\s*$`, "i");
// unix formatter: src/index.ts:4:7: 'unused' is assigned … [Error/no-unused-vars]
const UNIX = new RegExp(String.raw`^\s*(${FILE}):(\d+):(\d+): (.+?) \[(Error|Warning)\/(${RULE})\]\s*$`);
// compact formatter: src/index.ts: line 4, col 7, Error - 'unused' is … (no-unused-vars)
const COMPACT = new RegExp(String.raw`^\s*(${FILE}): line (\d+), col (\d+), (Error|Warning) - (.+?)(?: \((${RULE})\))?\s*$`);

const severity = (s: string): LintIssue["severity"] => (s.toLowerCase() === "warning" ? "warning" : "error");

/** ESLint problems in a log (stylish, unix, compact and one-line formats). */
export function parseLintIssues(lines: readonly string[]): LintIssue[] {
  const out: LintIssue[] = [];
  let file: string | null = null;
  for (const line of lines) {
    const header = FILE_LINE.exec(line);
    if (header) {
      file = header[1]!;
      continue;
    }
    const stylish = file ? STYLISH.exec(line) : null;
    if (stylish && file) {
      out.push({ file, line: Number(stylish[1]), column: Number(stylish[2]), severity: severity(stylish[3]!), message: stylish[4]!.trim(), rule: stylish[5] ?? null, raw: line });
      continue;
    }
    if (!line.trim()) file = null;
    if (/ - error TS\d+:/.test(line)) continue;
    const inline = INLINE.exec(line);
    if (inline) {
      out.push({ file: inline[1]!, line: Number(inline[2]), column: Number(inline[3]), severity: severity(inline[4]!), message: inline[5]!.trim(), rule: inline[6] ?? null, raw: line });
      continue;
    }
    const unix = UNIX.exec(line);
    if (unix) {
      out.push({ file: unix[1]!, line: Number(unix[2]), column: Number(unix[3]), severity: severity(unix[5]!), message: unix[4]!.trim(), rule: unix[6]!, raw: line });
      continue;
    }
    const compact = COMPACT.exec(line);
    if (compact) {
      out.push({ file: compact[1]!, line: Number(compact[2]), column: Number(compact[3]), severity: severity(compact[4]!), message: compact[5]!.trim(), rule: compact[6] ?? null, raw: line });
    }
  }
  return out;
}

/** What to do about a lint error, by its rule. */
export function lintFix(issue: LintIssue): string {
  const where = `${issue.file}:${issue.line}`;
  const name = /'([^']+)'/.exec(issue.message)?.[1];
  switch (issue.rule) {
    case "no-unused-vars":
    case "@typescript-eslint/no-unused-vars":
      return `Remove ${name ? `'${name}'` : "the unused variable"} at ${where} or use it (prefix it with _ if it must stay).`;
    case "no-undef":
      return `Define or import ${name ? `'${name}'` : "the name"} at ${where}, or declare the global in the ESLint config.`;
    case "@typescript-eslint/no-explicit-any":
      return `Replace the any at ${where} with a real type (or unknown and a check).`;
    default:
      return `Fix the lint error at ${where}${issue.rule ? ` (${issue.rule})` : ""}; \`npx eslint --fix\` fixes some problems automatically.`;
  }
}
