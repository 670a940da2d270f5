import type { RunReport } from "../runner.js";
import type { Usage } from "../run-case.js";
import type { BaselineDiff } from "./baseline.js";
import { summarize, type Summary } from "./summary.js";

export const HARNESS_VERSION = "1.0.0";

export interface Manifest {
  harness_version: string;
  provider: string;
  model: string | null;
  trials: number;
  filter: string | null;
  started_at: string;
  finished_at: string;
  node: string;
  suites: { suite: string; file: string; sha256: string; cases: number }[];
}

export interface JsonCase {
  suite: string;
  id: string;
  passed: boolean;
  failures: string[];
  agents: string[];
  latency_ms: number;
  usage: Usage;
  /** With --trials K > 1: K and how many of them passed. */
  trials?: number;
  passed_trials?: number;
}

/** The `--json` report: FORMAT.md's `summary` and `cases`, a `manifest`, and the baseline comparison when asked. */
export interface JsonReport {
  manifest: Manifest;
  summary: Summary;
  cases: JsonCase[];
  baseline?: BaselineDiff;
}

export function toJsonReport(run: RunReport, baseline?: BaselineDiff): JsonReport {
  return {
    manifest: {
      harness_version: HARNESS_VERSION,
      provider: run.provider,
      model: run.model,
      trials: run.trials,
      filter: run.filter,
      started_at: run.startedAt,
      finished_at: run.finishedAt,
      node: process.version,
      suites: run.suites.map((s) => ({ suite: s.name, file: s.file, sha256: s.sha256, cases: s.cases.length })),
    },
    summary: summarize(run),
    cases: run.cases.map((c) => ({
      suite: c.suite,
      id: c.id,
      passed: c.passed,
      failures: c.failures,
      agents: c.agents,
      latency_ms: Math.round(c.latencyMs * 10) / 10,
      usage: c.usage,
      ...(run.trials > 1 ? { trials: c.trials, passed_trials: c.passedTrials } : {}),
    })),
    ...(baseline ? { baseline } : {}),
  };
}
