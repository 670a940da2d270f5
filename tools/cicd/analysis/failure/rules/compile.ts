import { at } from "../../parsers/log-text.js";
import { parseTypeScriptErrors, typeScriptFix } from "../../parsers/typescript-errors.js";
import type { Rule } from "./types.js";

/** TypeScript compile errors, with file:line for each. */
export const typescript: Rule = (input) => {
  const errors = parseTypeScriptErrors(input.lines);
  const first = errors[0];
  if (!first) return undefined;
  const where = first.file ? ` at ${at(first)}` : "";
  const more = errors.length > 1 ? ` (and ${errors.length - 1} more TypeScript error${errors.length > 2 ? "s" : ""})` : "";
  return {
    category: "typescript",
    summary: `TypeScript error ${first.code}${where}: ${first.message}${more}`,
    locations: errors.filter((e) => e.file).map((e) => ({ file: e.file, line: e.line, ...(e.column ? { column: e.column } : {}) })),
    evidence: errors.slice(0, 5).map((e) => e.raw),
    fix: typeScriptFix(first),
  };
};
