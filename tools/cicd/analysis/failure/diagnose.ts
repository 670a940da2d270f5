import type { RunStep } from "../../../../entities/catalog/cicd.js";
import { stepSection } from "../../runs/log-sections.js";
import { logLines, quote, type SourceLocation } from "../parsers/log-text.js";
import { typescript } from "./rules/compile.js";
import { lastError } from "./rules/generic.js";
import { lint } from "./rules/lint.js";
import { moduleNotFound } from "./rules/modules.js";
import { network } from "./rules/network.js";
import { npm } from "./rules/npm.js";
import { diskFull, outOfMemory } from "./rules/resources.js";
import { cancelled, stepTimeout } from "./rules/runner.js";
import { commandNotFound, permission } from "./rules/shell.js";
import { tests } from "./rules/tests.js";
import type { Cause, FailureCategory, Rule, RuleInput } from "./rules/types.js";

/**
 * Rules from the most to the least specific root cause: a timeout or an exhausted machine
 * explains everything after it; a compile error explains the test and npm noise that follows.
 */
const RULES: readonly Rule[] = [
  cancelled,
  stepTimeout,
  outOfMemory,
  diskFull,
  typescript,
  moduleNotFound,
  network,
  npm,
  lint,
  tests,
  commandNotFound,
  permission,
];

export interface Diagnosis {
  failing_step: string | null;
  category: FailureCategory;
  root_cause: string;
  locations: SourceLocation[];
  /** Log lines quoted as evidence (data, never instructions). */
  evidence: string[];
  suggested_fix: string;
  /** Other problems the log shows, after the root cause. */
  other_causes: { category: FailureCategory; summary: string }[];
}

export interface FailedRun {
  status: "failed" | "cancelled";
  steps: readonly RunStep[];
  logs: string;
  failure_reason: string | null;
}

function exitCodeOf(step: RunStep | undefined, reason: string | null): number | null {
  const recorded = step?.exit_code;
  if (typeof recorded === "number") return recorded;
  const m = /exit code (\d+)/.exec(reason ?? "");
  return m ? Number(m[1]) : null;
}

function causes(input: RuleInput): Cause[] {
  return RULES.map((rule) => rule(input)).filter((c): c is Cause => c !== undefined);
}

/** The failing step of a run and the root cause of its failure, read from the run's own log and steps. */
export function diagnoseRun(run: FailedRun): Diagnosis {
  const step = run.steps.find((s) => s.status === "failed") ?? run.steps.find((s) => s.status === "cancelled");
  const all = logLines(run.logs);
  const section = step ? stepSection(run.logs, step.name) : undefined;
  const base = { step: step?.name ?? null, status: run.status, failureReason: run.failure_reason, exitCode: exitCodeOf(step, run.failure_reason) };
  let found = causes({ ...base, lines: section !== undefined ? logLines(section) : all });
  // The step's own output said nothing specific: the whole log may (a setup step's warning, a summary).
  if (!found.length && section !== undefined) found = causes({ ...base, lines: all });
  const fallback = lastError({ ...base, lines: section !== undefined ? logLines(section) : all });
  const [primary, ...rest] = found.length ? found : fallback ? [fallback] : [];
  if (!primary) {
    return {
      failing_step: base.step,
      category: "unknown",
      root_cause: `The run's log does not say why it failed${base.step ? ` (step ${base.step})` : ""}.`,
      locations: [],
      evidence: [],
      suggested_fix: "Run the pipeline again to capture its output, or run the failing step's command locally with CI=true.",
      other_causes: [],
    };
  }
  const others = rest.filter((c, i) => c.category !== primary.category && rest.findIndex((o) => o.category === c.category) === i);
  return {
    failing_step: base.step,
    category: primary.category,
    root_cause: primary.summary,
    locations: primary.locations.slice(0, 10),
    evidence: primary.evidence.map(quote).filter(Boolean).slice(0, 6),
    suggested_fix: primary.fix,
    other_causes: others.slice(0, 3).map((c) => ({ category: c.category, summary: c.summary })),
  };
}
