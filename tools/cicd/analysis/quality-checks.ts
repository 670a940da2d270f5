import type { Store } from "../../../entities/store.js";
import { parseLintIssues } from "./parsers/lint-issues.js";
import { logLines } from "./parsers/log-text.js";
import { parseTestReport } from "./parsers/test-report.js";
import { parseTypeScriptErrors } from "./parsers/typescript-errors.js";

export interface QualityCheckDraft {
  tool: string;
  /** Passed tests as a percentage of all, when a test report gives counts. */
  score: number | null;
  issues: Record<string, unknown>[];
  passed: boolean;
}

/** Quality checks the tools' own output shows in a log: tsc errors, ESLint problems, a test report. */
export function qualityChecksInLog(logs: string): QualityCheckDraft[] {
  const lines = logLines(logs);
  const out: QualityCheckDraft[] = [];
  const tsc = parseTypeScriptErrors(lines);
  if (tsc.length) {
    out.push({ tool: "tsc", score: null, passed: false, issues: tsc.map(({ raw: _raw, ...e }) => ({ ...e, severity: "error" })) });
  }
  const lint = parseLintIssues(lines);
  if (lint.length) {
    out.push({ tool: "eslint", score: null, passed: !lint.some((i) => i.severity === "error"), issues: lint.map(({ raw: _raw, ...i }) => ({ ...i })) });
  }
  const report = parseTestReport(lines);
  if (report && (report.failed !== null || report.passed !== null)) {
    const total = report.total ?? (report.failed ?? 0) + (report.passed ?? 0);
    out.push({
      tool: report.runner,
      score: total > 0 && report.passed !== null ? Math.round((report.passed / total) * 1000) / 10 : null,
      passed: (report.failed ?? 0) === 0,
      issues: report.failures.map((f) => ({ ...f })),
    });
  }
  return out;
}

/** Records a run's quality checks once (a second call for the same run adds nothing). */
export async function recordQualityChecks(store: Store, run: { id: string; pipeline_id: string; logs: string }): Promise<number> {
  if (await store.findOne("QualityCheck", { run_id: run.id })) return 0;
  const drafts = qualityChecksInLog(run.logs);
  for (const d of drafts) await store.insert("QualityCheck", { pipeline_id: run.pipeline_id, run_id: run.id, ...d });
  return drafts.length;
}
