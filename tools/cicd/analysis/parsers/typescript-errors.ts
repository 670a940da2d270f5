import type { SourceLocation } from "./log-text.js";

export interface TypeScriptError extends SourceLocation {
  code: string;
  message: string;
  /** The log line it was read from. */
  raw: string;
}

const SOURCE = String.raw`[^\s()]+?\.(?:[cm]?[jt]sx?|vue|svelte)`;
// tsc: src/app/page.tsx(12,5): error TS2304: Cannot find name 'userId'.
const CLASSIC = new RegExp(String.raw`^\s*(${SOURCE})\((\d+),(\d+)\): error (TS\d+): (.+)$`);
// tsc --pretty: src/app/page.tsx:12:5 - error TS2304: Cannot find name 'userId'.
const PRETTY = new RegExp(String.raw`^\s*(${SOURCE}):(\d+):(\d+) - error (TS\d+): (.+)$`);
// next build: "./src/app/page.tsx:12:5" then "Type error: Cannot find name 'userId'."
const NEXT_LOCATION = new RegExp(String.raw`^\s*(?:\./)?(${SOURCE}):(\d+):(\d+)\s*$`);
const NEXT_MESSAGE = /^\s*Type error: (.+)$/;
// A global error without a file: error TS5083: Cannot read file 'tsconfig.json'.
const GLOBAL = /^\s*error (TS\d+): (.+)$/;

/** TypeScript compiler errors in a log (tsc plain and pretty output, Next.js type errors). */
export function parseTypeScriptErrors(lines: readonly string[]): TypeScriptError[] {
  const out: TypeScriptError[] = [];
  lines.forEach((line, i) => {
    const m = CLASSIC.exec(line) ?? PRETTY.exec(line);
    if (m) {
      out.push({ file: m[1]!, line: Number(m[2]), column: Number(m[3]), code: m[4]!, message: m[5]!.trim(), raw: line });
      return;
    }
    const loc = NEXT_LOCATION.exec(line);
    const next = loc ? NEXT_MESSAGE.exec(lines[i + 1] ?? "") : null;
    if (loc && next) {
      out.push({ file: loc[1]!, line: Number(loc[2]), column: Number(loc[3]), code: "TS", message: next[1]!.trim(), raw: `${line.trim()} ${lines[i + 1]!.trim()}` });
      return;
    }
    const g = GLOBAL.exec(line);
    if (g) out.push({ file: "", line: 0, code: g[1]!, message: g[2]!.trim(), raw: line });
  });
  return out;
}

/** What to do about the first error, by its code. */
export function typeScriptFix(e: TypeScriptError): string {
  const where = e.file ? ` in ${e.file}${e.line ? ` (line ${e.line})` : ""}` : "";
  const name = /'([^']+)'/.exec(e.message)?.[1];
  switch (e.code) {
    case "TS2304":
    case "TS2552":
      return `Declare ${name ? `'${name}'` : "the missing name"}${where} or import it from where it is defined (check the spelling; a variable renamed elsewhere leaves this behind).`;
    case "TS2307":
    case "TS2792":
      return `Install ${name ? `'${name}'` : "the module"} (and its @types package) or fix the import path${where}.`;
    case "TS2322":
    case "TS2345":
      return `Make the value's type match what is expected${where}: convert it, narrow it, or correct the declared type.`;
    case "TS2339":
      return `The property ${name ? `'${name}'` : ""} does not exist on that type${where}: fix the name or add it to the type.`.replace("  ", " ");
    case "TS2532":
    case "TS18048":
    case "TS18047":
      return `Handle the undefined/null case${where} (a guard, optional chaining or a default) before using the value.`;
    case "TS7006":
    case "TS7031":
      return `Give the parameter a type${where}; strict mode does not allow an implicit any.`;
    case "TS6133":
      return `Remove the unused declaration${where} or use it.`;
    default:
      return `Fix the type error${where}; \`npx tsc --noEmit\` reproduces it locally.`;
  }
}
