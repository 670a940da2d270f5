import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import type { CaseResult, RunReport } from "../runner.js";
import type { Suite } from "../types.js";
import { BaselineError, compareWithBaseline, readBaseline } from "./baseline.js";
import { renderHtml } from "./html.js";
import { HARNESS_VERSION, toJsonReport } from "./json.js";
import { renderJunit } from "./junit.js";
import { renderTerminal } from "./terminal.js";

const suite = (name: string, holdout = false): Suite => ({ name, file: `evals/suites/${name}.yaml`, sha256: "ab".repeat(32), holdout, cases: [] });

function result(suiteName: string, id: string, passed: boolean, extra: Partial<CaseResult> = {}): CaseResult {
  return {
    suite: suiteName,
    file: `evals/suites/${suiteName}.yaml`,
    id,
    tags: [],
    holdout: suiteName === "paraphrase-holdout",
    expectedAgents: ["FlowDirector"],
    trials: 1,
    passedTrials: passed ? 1 : 0,
    passed,
    failures: passed ? [] : [`turn 1 ("x"): the reply should contain "88.2" — the reply was "<script>alert('x')</script> & more"`],
    agents: ["FlowDirector"],
    latencyMs: 12.46,
    usage: { prompt_tokens: 3, completion_tokens: 2, cost_usd: 0.001 },
    transcript: [{ said: "Create order <b>now</b>", reply: "<script>alert('x')</script>", status: "completed", agents: ["FlowDirector"] }],
    ...extra,
  };
}

const run: RunReport = {
  startedAt: "2026-03-10T09:00:00.000Z",
  finishedAt: "2026-03-10T09:00:05.000Z",
  provider: "local",
  model: null,
  trials: 1,
  filter: null,
  suites: [suite("flowdirector"), suite("copilot"), suite("paraphrase-holdout", true)],
  cases: [
    result("flowdirector", "fd-order", true),
    result("flowdirector", "fd-rollback", false),
    result("copilot", "cp-note", true, { expectedAgents: ["Copilot"], agents: ["Copilot"] }),
    result("copilot", "cp-unrouted", false, { expectedAgents: [], agents: [] }),
    result("paraphrase-holdout", "ho-1", true),
    result("paraphrase-holdout", "ho-2", false),
  ],
};

describe("the JSON report", () => {
  it("has FORMAT.md's shape plus a manifest", () => {
    const report = toJsonReport(run);
    expect(Object.keys(report)).toEqual(["manifest", "summary", "cases"]);
    expect(report.summary).toEqual({
      cases: 6,
      passed: 3,
      pass_rate: 0.5,
      pass_hat_k: { "1": 0.5 },
      holdout: { cases: 2, passed: 1, pass_rate: 0.5 },
    });
    expect(report.cases[1]).toEqual({
      suite: "flowdirector",
      id: "fd-rollback",
      passed: false,
      failures: [expect.stringContaining('should contain "88.2"')],
      agents: ["FlowDirector"],
      latency_ms: 12.5,
      usage: { prompt_tokens: 3, completion_tokens: 2, cost_usd: 0.001 },
    });
    expect(report.manifest).toMatchObject({
      harness_version: HARNESS_VERSION,
      provider: "local",
      model: null,
      started_at: "2026-03-10T09:00:00.000Z",
      suites: [
        { suite: "flowdirector", file: "evals/suites/flowdirector.yaml", sha256: "ab".repeat(32), cases: 0 },
        expect.anything(),
        expect.anything(),
      ],
    });
    expect(JSON.parse(JSON.stringify(report))).toEqual(report);
  });

  it("carries trials per case when there are several, and the baseline comparison when asked", () => {
    const three = { ...run, trials: 3, cases: [result("flowdirector", "fd-order", false, { trials: 3, passedTrials: 2 })] };
    const report = toJsonReport(three, compareWithBaseline([{ suite: "flowdirector", id: "fd-order", passed: true }], three.cases));
    expect(report.cases[0]).toMatchObject({ trials: 3, passed_trials: 2 });
    expect(report.summary.pass_hat_k).toEqual({ "1": 2 / 3, "2": 1 / 3, "3": 0 });
    expect(report.baseline?.regressed).toEqual([{ suite: "flowdirector", id: "fd-order" }]);
  });
});

describe("JUnit XML", () => {
  const xml = renderJunit(run);

  it("has one testsuite per suite and one testcase per case, failures with their messages", () => {
    expect(xml.startsWith('<?xml version="1.0" encoding="UTF-8"?>\n<testsuites name="flashfusion-eval" tests="6" failures="3"')).toBe(true);
    expect(xml.match(/<testsuite /g)).toHaveLength(3);
    expect(xml.match(/<testcase /g)).toHaveLength(6);
    expect(xml.match(/<failure /g)).toHaveLength(3);
    expect(xml).toContain('<testsuite name="flowdirector" tests="2" failures="1" errors="0" skipped="0" time="0.025"');
    expect(xml).toContain('<testcase classname="flowdirector" name="fd-order" file="evals/suites/flowdirector.yaml" time="0.012"/>');
    expect(xml).toContain('<property name="provider" value="local"/>');
  });

  it("escapes what replies hold, so the document stays well-formed", () => {
    expect(xml).not.toContain("<script>");
    expect(xml).toContain("&lt;script&gt;alert(&apos;x&apos;)&lt;/script&gt; &amp; more");
    // Every element that opens is closed or self-closing.
    for (const tag of ["testsuites", "testsuite", "testcase", "failure", "properties"]) {
      const opened = xml.match(new RegExp(`<${tag}[ >]`, "g"))?.length ?? 0;
      const closed = (xml.match(new RegExp(`</${tag}>`, "g"))?.length ?? 0) + (xml.match(new RegExp(`<${tag} [^>]*/>`, "g"))?.length ?? 0);
      expect(closed, tag).toBe(opened);
    }
  });
});

describe("the HTML page", () => {
  const html = renderHtml(run, { file: "base.json", diff: compareWithBaseline([{ suite: "flowdirector", id: "fd-rollback", passed: true }], run.cases) });

  it("is one self-contained page with the summary, the tables and every case", () => {
    expect(html.startsWith("<!doctype html>")).toBe(true);
    expect(html).not.toMatch(/<script|<link|src=|@import|https?:\/\//);
    expect(html).toContain("3/6 cases passed (50.0%)");
    expect(html).toContain("held-out paraphrases: 1/2 (50.0%)");
    for (const id of ["fd-order", "fd-rollback", "cp-note", "cp-unrouted", "ho-1", "ho-2"]) expect(html).toContain(`<b>${id}</b>`);
    expect(html).toContain("<td>Copilot</td>");
    expect(html).toContain("<b>regressed</b> (1): flowdirector/fd-rollback");
  });

  it("escapes replies, commands and failures", () => {
    expect(html).toContain("&lt;script&gt;alert(&apos;x&apos;)&lt;/script&gt;");
    expect(html).toContain("Create order &lt;b&gt;now&lt;/b&gt;");
  });
});

describe("the terminal report", () => {
  const lines = renderTerminal(run, { file: "base.json", diff: compareWithBaseline([{ suite: "copilot", id: "cp-unrouted", passed: false }], run.cases) });
  const text = lines.join("\n");

  it("tabulates suites and agents", () => {
    expect(lines.slice(0, 6)).toEqual([
      "suite               cases  passed  pass rate",
      "flowdirector            2       1      50.0%",
      "copilot                 2       1      50.0%",
      "paraphrase-holdout      2       1      50.0%",
      "------------------  -----  ------  ---------",
      "all                     6       3      50.0%",
    ]);
    expect(text).toContain("FlowDirector      4       2      50.0%");
    expect(text).toContain("Copilot           1       1     100.0%");
    expect(text).toContain("(no agent)        1       0       0.0%");
    expect(text).toContain("held-out paraphrases (never tuned on): 1/2 passed (50.0%)");
  });

  it("lists the failed cases with their failures, and the baseline comparison", () => {
    expect(text).toContain("failed cases:\n  flowdirector/fd-rollback\n    - turn 1");
    expect(text).toContain("compared with base.json: 0 fixed, 0 regressed, 1 still failing, 0 still passing, 5 new");
    expect(text).toContain("  still failing: copilot/cp-unrouted");
  });
});

describe("baselines", () => {
  it("sorts cases into fixed, regressed, still failing, still passing, new and not run", () => {
    const diff = compareWithBaseline(
      [
        { suite: "flowdirector", id: "fd-order", passed: false },
        { suite: "flowdirector", id: "fd-rollback", passed: true },
        { suite: "copilot", id: "cp-note", passed: true },
        { suite: "copilot", id: "cp-unrouted", passed: false },
        { suite: "copilot", id: "cp-gone", passed: true },
      ],
      run.cases,
    );
    expect(diff).toEqual({
      fixed: [{ suite: "flowdirector", id: "fd-order" }],
      regressed: [{ suite: "flowdirector", id: "fd-rollback" }],
      still_failing: [{ suite: "copilot", id: "cp-unrouted" }],
      still_passing: [{ suite: "copilot", id: "cp-note" }],
      new: [
        { suite: "paraphrase-holdout", id: "ho-1", passed: true },
        { suite: "paraphrase-holdout", id: "ho-2", passed: false },
      ],
      not_run: [{ suite: "copilot", id: "cp-gone" }],
    });
  });

  it("reads a previous --json report and refuses anything else", async () => {
    const dir = mkdtempSync(join(tmpdir(), "ff-baseline-"));
    const good = join(dir, "good.json");
    writeFileSync(good, JSON.stringify(toJsonReport(run)));
    expect(await readBaseline(good)).toHaveLength(6);
    writeFileSync(join(dir, "text.json"), "not json");
    writeFileSync(join(dir, "shape.json"), JSON.stringify({ summary: {} }));
    await expect(readBaseline(join(dir, "missing.json"))).rejects.toThrow(BaselineError);
    await expect(readBaseline(join(dir, "text.json"))).rejects.toThrow(/is not JSON/);
    await expect(readBaseline(join(dir, "shape.json"))).rejects.toThrow(/is not a report written by --json/);
  });
});
