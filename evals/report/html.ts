import type { CaseResult, RunReport } from "../runner.js";
import type { BaselineDiff } from "./baseline.js";
import { escapeMarkup as h } from "./escape.js";
import { HARNESS_VERSION } from "./json.js";
import { byAgent, bySuite, percent, summarize, type Tally } from "./summary.js";

const STYLE = `
body{font:14px/1.45 system-ui,sans-serif;margin:2rem auto;max-width:70rem;padding:0 1rem;color:#1d1f23}
h1{font-size:1.4rem}h2{font-size:1.1rem;margin-top:2rem}
table{border-collapse:collapse;margin:.5rem 0}th,td{padding:.25rem .75rem;text-align:left;border-bottom:1px solid #e3e5e8}
td.n{text-align:right;font-variant-numeric:tabular-nums}
.pass{color:#116b2f}.fail{color:#a4161a}.muted{color:#6b7280}
details{border:1px solid #e3e5e8;border-radius:6px;margin:.4rem 0;padding:.4rem .75rem}
summary{cursor:pointer}ul{margin:.3rem 0}pre{white-space:pre-wrap;background:#f6f7f9;padding:.4rem .6rem;border-radius:4px;margin:.2rem 0}
`;

/** One self-contained page (no scripts, no external files): summary, tables, every case with its transcript. */
export function renderHtml(run: RunReport, baseline?: { file: string; diff: BaselineDiff }): string {
  const summary = summarize(run);
  const facts = [
    `${summary.passed}/${summary.cases} cases passed (${percent(summary.pass_rate)})`,
    ...(run.trials > 1 ? [Object.entries(summary.pass_hat_k).map(([k, v]) => `pass^${k} ${v.toFixed(3)}`).join(" · ")] : []),
    ...(summary.holdout ? [`held-out paraphrases: ${summary.holdout.passed}/${summary.holdout.cases} (${percent(summary.holdout.pass_rate)})`] : []),
  ];
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>FlashFusion evaluation — ${h(percent(summary.pass_rate))}</title>
<style>${STYLE}</style></head><body>
<h1>FlashFusion evaluation</h1>
<p>${facts.map(h).join("<br>")}</p>
<p class="muted">provider ${h(run.provider)}${run.model ? `, model ${h(run.model)}` : ""} · ${run.trials} trial(s) per case · started ${h(run.startedAt)} · harness ${HARNESS_VERSION}${run.filter ? ` · filter “${h(run.filter)}”` : ""}</p>
<h2>Suites</h2>${tallyTable("suite", bySuite(run.cases))}
<h2>Agents</h2>${tallyTable("agent", byAgent(run.cases))}
${baseline ? baselineSection(baseline.file, baseline.diff) : ""}
<h2>Cases</h2>
${run.cases.map((c) => caseBlock(c, run.trials)).join("\n")}
</body></html>
`;
}

function tallyTable(title: string, rows: readonly Tally[]): string {
  const body = rows
    .map((r) => `<tr><td>${h(r.name)}</td><td class="n">${r.cases}</td><td class="n">${r.passed}</td><td class="n">${percent(r.pass_rate)}</td></tr>`)
    .join("");
  return `<table><thead><tr><th>${h(title)}</th><th>cases</th><th>passed</th><th>pass rate</th></tr></thead><tbody>${body}</tbody></table>`;
}

function baselineSection(file: string, diff: BaselineDiff): string {
  const groups: [string, { suite: string; id: string }[]][] = [
    ["regressed", diff.regressed],
    ["fixed", diff.fixed],
    ["still failing", diff.still_failing],
    ["new", diff.new],
    ["not run", diff.not_run],
  ];
  const items = groups
    .filter(([, keys]) => keys.length)
    .map(([name, keys]) => `<li><b>${h(name)}</b> (${keys.length}): ${h(keys.map((k) => `${k.suite}/${k.id}`).join(", "))}</li>`)
    .join("");
  return `<h2>Compared with ${h(file)}</h2><ul>${items || "<li>no cases in common</li>"}</ul>`;
}

function caseBlock(c: CaseResult, trials: number): string {
  const status = c.passed ? `<span class="pass">passed</span>` : `<span class="fail">failed</span>`;
  const trialNote = trials > 1 ? ` <span class="muted">${c.passedTrials}/${c.trials} trials</span>` : "";
  const failures = c.failures.length ? `<ul class="fail">${c.failures.map((f) => `<li>${h(f)}</li>`).join("")}</ul>` : "";
  const transcript = c.transcript
    .map((t) => `<p><b>${h(t.said)}</b> <span class="muted">→ ${h(t.agents.join(", ") || "no agent")}, ${h(t.status)}</span></p><pre>${h(t.reply)}</pre>`)
    .join("");
  return `<details${c.passed ? "" : " open"}><summary>${status} ${h(c.suite)}/<b>${h(c.id)}</b>${trialNote} <span class="muted">${h(c.description ?? "")}</span></summary>${failures}${transcript}</details>`;
}
