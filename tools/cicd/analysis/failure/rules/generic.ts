import { quote } from "../../parsers/log-text.js";
import type { Rule } from "./types.js";

const ERRORISH = /\b(?:error|failed|failure|fatal|exception|panic)\b|ERR!|✖|✗/i;

/** When nothing specific matched: the last line that reads as an error, and the step's exit code. */
export const lastError: Rule = (input) => {
  const lines = input.lines.filter((l) => l.trim() && !/^(?:==>|<==) step /.test(l));
  const last = [...lines].reverse().find((l) => ERRORISH.test(l));
  const exit = input.exitCode !== null ? ` with exit code ${input.exitCode}` : "";
  if (!last && !input.failureReason) return undefined;
  return {
    category: last ? "error" : "unknown",
    summary: last ? `Step ${input.step ?? "?"} failed${exit}: ${quote(last)}` : `${input.failureReason}.`,
    locations: [],
    evidence: last ? [last] : lines.slice(-3),
    fix: `Run step ${input.step ?? "the failing step"}'s command locally with CI=true to reproduce it; the lines just before the error usually say what it was doing.`,
  };
};
