import type { RunReport } from "../runner.js";
import type { BaselineDiff, CaseKey } from "./baseline.js";
import { byAgent, bySuite, percent, summarize, type Tally } from "./summary.js";

const MAX_FAILURES_SHOWN = 3;
const MAX_FAILURE_CHARS = 400;

/** The report a person reads in the terminal: tables per suite and per agent, then what failed. */
export function renderTerminal(run: RunReport, baseline?: { file: string; diff: BaselineDiff }): string[] {
  const summary = summarize(run);
  const lines: string[] = [];
  lines.push(...table("suite", bySuite(run.cases), { name: "all", cases: summary.cases, passed: summary.passed, pass_rate: summary.pass_rate }));
  lines.push("", ...table("agent", byAgent(run.cases)));
  if (summary.holdout) {
    const h = summary.holdout;
    lines.push("", `held-out paraphrases (never tuned on): ${h.passed}/${h.cases} passed (${percent(h.pass_rate)})`);
  }
  if (run.trials > 1) {
    const ks = Object.entries(summary.pass_hat_k).map(([k, v]) => `pass^${k} ${v.toFixed(3)}`);
    lines.push("", `${run.trials} trials per case: ${ks.join(" · ")}`);
  }
  const failed = run.cases.filter((c) => !c.passed);
  if (failed.length) {
    lines.push("", "failed cases:");
    for (const c of failed) {
      const trials = run.trials > 1 ? ` (${c.passedTrials}/${c.trials} trials passed)` : "";
      lines.push(`  ${c.suite}/${c.id}${trials}`);
      for (const f of c.failures.slice(0, MAX_FAILURES_SHOWN)) lines.push(`    - ${cut(f)}`);
      if (c.failures.length > MAX_FAILURES_SHOWN) lines.push(`    … and ${c.failures.length - MAX_FAILURES_SHOWN} more`);
    }
  }
  if (baseline) lines.push("", ...renderBaseline(baseline.file, baseline.diff));
  return lines;
}

function renderBaseline(file: string, diff: BaselineDiff): string[] {
  const counts = [
    `${diff.fixed.length} fixed`,
    `${diff.regressed.length} regressed`,
    `${diff.still_failing.length} still failing`,
    `${diff.still_passing.length} still passing`,
    `${diff.new.length} new`,
  ];
  if (diff.not_run.length) counts.push(`${diff.not_run.length} not run`);
  const lines = [`compared with ${file}: ${counts.join(", ")}`];
  const names = (keys: readonly CaseKey[]) => keys.map((k) => `${k.suite}/${k.id}`).join(", ");
  if (diff.regressed.length) lines.push(`  regressed: ${names(diff.regressed)}`);
  if (diff.fixed.length) lines.push(`  fixed: ${names(diff.fixed)}`);
  if (diff.still_failing.length) lines.push(`  still failing: ${names(diff.still_failing)}`);
  if (diff.new.length) lines.push(`  new: ${diff.new.map((k) => `${k.suite}/${k.id} (${k.passed ? "passes" : "fails"})`).join(", ")}`);
  if (diff.not_run.length) lines.push(`  not run: ${names(diff.not_run)}`);
  return lines;
}

function table(title: string, rows: readonly Tally[], total?: Tally): string[] {
  const all = total ? [...rows, total] : [...rows];
  const width = Math.max(title.length, ...all.map((r) => r.name.length));
  const line = (name: string, cases: string, passed: string, rate: string) =>
    `${name.padEnd(width)}  ${cases.padStart(5)}  ${passed.padStart(6)}  ${rate.padStart(9)}`;
  const row = (r: Tally) => line(r.name, String(r.cases), String(r.passed), percent(r.pass_rate));
  const out = [line(title, "cases", "passed", "pass rate"), ...rows.map(row)];
  if (total) out.push(line("-".repeat(width), "-----", "------", "---------"), row(total));
  return out;
}

function cut(text: string): string {
  const one = text.replace(/\s+/g, " ");
  return one.length > MAX_FAILURE_CHARS ? `${one.slice(0, MAX_FAILURE_CHARS - 1)}…` : one;
}
