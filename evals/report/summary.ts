import { passHatK } from "../pass-k.js";
import type { CaseResult, RunReport } from "../runner.js";

export interface Tally {
  name: string;
  cases: number;
  passed: number;
  pass_rate: number;
}

export interface Summary {
  cases: number;
  passed: number;
  pass_rate: number;
  pass_hat_k: Record<string, number>;
  /** The held-out paraphrases, reported on their own (present when they ran). */
  holdout?: { cases: number; passed: number; pass_rate: number };
}

export const NO_AGENT = "(no agent)";

const rate = (passed: number, cases: number) => (cases ? passed / cases : 0);

export function summarize(run: RunReport): Summary {
  const passed = run.cases.filter((c) => c.passed).length;
  const summary: Summary = {
    cases: run.cases.length,
    passed,
    pass_rate: rate(passed, run.cases.length),
    pass_hat_k: passHatK(
      run.cases.map((c) => c.passedTrials),
      run.trials,
    ),
  };
  const holdout = run.cases.filter((c) => c.holdout);
  if (holdout.length) {
    const held = holdout.filter((c) => c.passed).length;
    summary.holdout = { cases: holdout.length, passed: held, pass_rate: rate(held, holdout.length) };
  }
  return summary;
}

/** Cases counted per key, in order of first appearance; a case with several keys counts in each. */
export function tally(cases: readonly CaseResult[], keysOf: (c: CaseResult) => readonly string[]): Tally[] {
  const rows = new Map<string, Tally>();
  for (const c of cases) {
    for (const name of keysOf(c)) {
      const row = rows.get(name) ?? { name, cases: 0, passed: 0, pass_rate: 0 };
      row.cases++;
      if (c.passed) row.passed++;
      row.pass_rate = rate(row.passed, row.cases);
      rows.set(name, row);
    }
  }
  return [...rows.values()];
}

export const bySuite = (cases: readonly CaseResult[]) => tally(cases, (c) => [c.suite]);

/** The agent a case is for: the one its turns expect, else the ones that answered. */
export const byAgent = (cases: readonly CaseResult[]) =>
  tally(cases, (c) => (c.expectedAgents.length ? c.expectedAgents : c.agents.length ? c.agents : [NO_AGENT]));

export function percent(value: number): string {
  return `${(value * 100).toFixed(1)}%`;
}
