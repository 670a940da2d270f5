import type { CaseResult, RunReport } from "../runner.js";
import { escapeMarkup as x } from "./escape.js";
import { HARNESS_VERSION } from "./json.js";

const seconds = (ms: number) => (ms / 1000).toFixed(3);

/** JUnit XML for CI systems: one testsuite per suite, one testcase per case. */
export function renderJunit(run: RunReport): string {
  const properties = [
    ["harness_version", HARNESS_VERSION],
    ["provider", run.provider],
    ["model", run.model ?? ""],
    ["trials", String(run.trials)],
  ]
    .map(([k, v]) => `      <property name="${x(k!)}" value="${x(v!)}"/>`)
    .join("\n");
  const suites = run.suites.flatMap((suite) => {
    const cases = run.cases.filter((c) => c.suite === suite.name);
    if (cases.length === 0) return [];
    const failures = cases.filter((c) => !c.passed).length;
    return [
      `  <testsuite name="${x(suite.name)}" tests="${cases.length}" failures="${failures}" errors="0" skipped="0" time="${seconds(total(cases))}" timestamp="${x(run.startedAt)}">`,
      `    <properties>\n${properties}\n    </properties>`,
      ...cases.map((c) => testcase(c, run.trials)),
      "  </testsuite>",
    ];
  });
  const failed = run.cases.filter((c) => !c.passed).length;
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="flashfusion-eval" tests="${run.cases.length}" failures="${failed}" errors="0" time="${seconds(total(run.cases))}">`,
    ...suites,
    "</testsuites>",
    "",
  ].join("\n");
}

function testcase(c: CaseResult, trials: number): string {
  const open = `    <testcase classname="${x(c.suite)}" name="${x(c.id)}" file="${x(c.file)}" time="${seconds(c.latencyMs)}"`;
  if (c.passed) return `${open}/>`;
  const detail = [...(trials > 1 ? [`${c.passedTrials}/${c.trials} trials passed`] : []), ...c.failures].join("\n");
  return `${open}>\n      <failure message="${x(c.failures[0] ?? "failed")}" type="EvalFailure">${x(detail)}</failure>\n    </testcase>`;
}

function total(cases: readonly CaseResult[]): number {
  return cases.reduce((sum, c) => sum + c.latencyMs, 0);
}
