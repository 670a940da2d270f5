import type { Rule } from "./types.js";

/** A run stopped by a person. */
export const cancelled: Rule = (input) =>
  input.status === "cancelled"
    ? {
        category: "cancelled",
        summary: `The run was cancelled${input.step ? ` during step ${input.step}` : ""}${input.failureReason ? ` (${input.failureReason})` : ""}.`,
        locations: [],
        evidence: [],
        fix: "Nothing failed on its own: trigger the pipeline again when it should run.",
      }
    : undefined;

/** A step stopped at its time limit by the runner. */
export const stepTimeout: Rule = (input) => {
  const reason = input.failureReason ?? "";
  if (!/timed out/i.test(reason)) return undefined;
  const last = input.lines.filter((l) => l.trim() && !l.startsWith("<== step")).slice(-3);
  return {
    category: "timeout",
    summary: `${reason.charAt(0).toUpperCase()}${reason.slice(1)}.`,
    locations: [],
    evidence: last,
    fix: `Find what the step waits for (the last lines it printed show where it stopped: a server that never started, a prompt — CI=true is set — or a watch mode), or raise the step's timeout_seconds if it is just slow.`,
  };
};
