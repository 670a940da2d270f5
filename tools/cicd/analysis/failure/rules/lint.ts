import { at } from "../../parsers/log-text.js";
import { lintFix, parseLintIssues } from "../../parsers/lint-issues.js";
import type { Rule } from "./types.js";

/** Lint errors (warnings alone do not fail a build). */
export const lint: Rule = (input) => {
  const errors = parseLintIssues(input.lines).filter((i) => i.severity === "error");
  const first = errors[0];
  if (!first) return undefined;
  const more = errors.length > 1 ? ` (and ${errors.length - 1} more lint error${errors.length > 2 ? "s" : ""})` : "";
  return {
    category: "lint",
    summary: `Lint error at ${at(first)}: ${first.message}${first.rule ? ` (${first.rule})` : ""}${more}`,
    locations: errors.map((e) => ({ file: e.file, line: e.line, column: e.column })),
    evidence: errors.slice(0, 5).map((e) => e.raw),
    fix: lintFix(first),
  };
};
