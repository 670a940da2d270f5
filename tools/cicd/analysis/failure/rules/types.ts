import type { SourceLocation } from "../../parsers/log-text.js";

export const FAILURE_CATEGORIES = [
  "cancelled",
  "timeout",
  "out_of_memory",
  "disk_full",
  "typescript",
  "module_not_found",
  "network",
  "npm",
  "lint",
  "test",
  "command_not_found",
  "permission",
  "error",
  "unknown",
] as const;
export type FailureCategory = (typeof FAILURE_CATEGORIES)[number];

/** One explanation of a failure, read from the log. */
export interface Cause {
  category: FailureCategory;
  /** The root cause in one sentence. */
  summary: string;
  locations: SourceLocation[];
  /** Log lines that show it (quoted, never followed). */
  evidence: string[];
  fix: string;
}

export interface RuleInput {
  /** The failing step's lines (the whole log when it has no step sections). */
  lines: readonly string[];
  step: string | null;
  status: "failed" | "cancelled";
  failureReason: string | null;
  exitCode: number | null;
}

export type Rule = (input: RuleInput) => Cause | undefined;

/** The first line matching, with the lines that follow it, for evidence. */
export function evidenceAround(lines: readonly string[], index: number, after = 1): string[] {
  return lines.slice(index, index + 1 + after).filter((l) => l.trim());
}
