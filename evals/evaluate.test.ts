import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it, vi } from "vitest";
import { main } from "../cli/main.js";
import { evaluate, type EvaluateOptions } from "./evaluate.js";
import { fixtureTools } from "./testing/fixture-tools.js";
import { scriptedRuntime } from "./testing/scripted-runtime.js";

const dir = mkdtempSync(join(tmpdir(), "ff-eval-"));
const file = (name: string, text: string) => {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
};

const passing = file(
  "passing.yaml",
  `suite: passing
cases:
  - id: note
    turns:
      - say: "Add note: call ACME"
        expect: { agent: Copilot }
    expect_state: [{ entity: Note, count: 1 }]
`,
);
const failing = file(
  "failing.yaml",
  `suite: failing
cases:
  - id: wrong-agent
    turns:
      - say: "Add note: call ACME"
        expect: { agent: SignalSage }
  - id: right
    turns:
      - say: "Add note: call ACME"
`,
);
const malformed = file("malformed.yaml", "suite: broken\ncases:\n  - id: c1\n    turns: [{ say: hi }]\n    expect_state: [{ entity: Order, fields: { totl: 1 } }]\n");

const createRuntime = scriptedRuntime(fixtureTools, {
  "Add note: call ACME": { agent: "Copilot", calls: [{ tool: "add_note_for_eval", args: { content: "call ACME" } }] },
});

async function verdict(paths: string[], options: Partial<EvaluateOptions> = {}) {
  const lines: string[] = [];
  const result = await evaluate({ paths, createRuntime, ...options }, (l) => lines.push(l));
  return { ...result, output: lines.join("\n") };
}

describe("the verdict of flashfusion eval", () => {
  it("is 0 when every case passed", async () => {
    const v = await verdict([passing]);
    expect(v).toMatchObject({ exitCode: 0 });
    expect(v.output).toMatch(/^all +1 +1 +100\.0%$/m);
  });

  it("is 1 when some case failed, saying how many", async () => {
    const v = await verdict([passing, failing]);
    expect(v).toMatchObject({ exitCode: 1, message: "1 of 3 cases failed" });
    expect(v.output).toContain("failing/wrong-agent");
  });

  it("is 2 for a malformed suite, named by file, case and field, and nothing runs", async () => {
    const runtime = vi.fn(createRuntime);
    const v = await verdict([passing, malformed], { createRuntime: runtime });
    expect(v.exitCode).toBe(2);
    expect(v.message).toMatch(/^malformed suite: .*malformed\.yaml: case c1: expect_state\[0\]\.fields\.totl: Order\.totl is not a field/);
    expect(runtime).not.toHaveBeenCalled();
    expect(v.output).toBe("");
  });

  it("is 2 for a path that does not exist and for a filter that selects nothing", async () => {
    expect(await verdict([join(dir, "nope")])).toMatchObject({ exitCode: 2, message: expect.stringContaining("no such file or folder") });
    expect(await verdict([passing], { filter: "zzz" })).toMatchObject({ exitCode: 2, message: 'no case matches --filter "zzz"' });
  });

  it("with a baseline, is 1 only when a case that passed there fails now", async () => {
    const out = join(dir, "reports", "run.json");
    await verdict([failing], { json: out });
    const before = JSON.parse(readFileSync(out, "utf8"));
    expect(before.cases.map((c: { id: string; passed: boolean }) => [c.id, c.passed])).toEqual([
      ["wrong-agent", false],
      ["right", true],
    ]);
    // Still failing is no regression.
    expect(await verdict([failing], { baseline: out })).toMatchObject({ exitCode: 0 });
    // A case that passed in the baseline and fails now is.
    const regressed = file("regressed.json", JSON.stringify({ ...before, cases: before.cases.map((c: object) => ({ ...c, passed: true })) }));
    const v = await verdict([failing], { baseline: regressed });
    expect(v).toMatchObject({ exitCode: 1, message: "1 case(s) passed in the baseline and fail now: failing/wrong-agent" });
    expect(v.output).toContain("regressed: failing/wrong-agent");
    expect(await verdict([failing], { baseline: join(dir, "none.json") })).toMatchObject({ exitCode: 2 });
  });

  it("writes the JSON, JUnit and HTML reports it is asked for", async () => {
    const json = join(dir, "out", "r.json");
    const junit = join(dir, "out", "r.xml");
    const html = join(dir, "out", "r.html");
    await verdict([passing, failing], { json, junit, html, trials: 2 });
    const report = JSON.parse(readFileSync(json, "utf8"));
    expect(report.summary).toEqual({ cases: 3, passed: 2, pass_rate: 2 / 3, pass_hat_k: { "1": 2 / 3, "2": 2 / 3 } });
    expect(report.manifest.suites.map((s: { suite: string }) => s.suite)).toEqual(["passing", "failing"]);
    expect(readFileSync(junit, "utf8")).toContain('<testsuites name="flashfusion-eval" tests="3" failures="1"');
    expect(readFileSync(html, "utf8")).toContain("2/3 cases passed");
  });
});

describe("the eval command", () => {
  afterEach(() => vi.restoreAllMocks());

  it("exits 2 with one line naming file, case and field for a malformed suite", async () => {
    const errors = vi.spyOn(console, "error").mockImplementation(() => {});
    expect(await main(["eval", malformed], () => {})).toBe(2);
    expect(errors).toHaveBeenCalledWith(expect.stringMatching(/^flashfusion: malformed suite: .*malformed\.yaml: case c1: expect_state\[0\]\.fields\.totl/));
  });

  it("exits 1 when a case fails against the real runtime entry point", async () => {
    const errors = vi.spyOn(console, "error").mockImplementation(() => {});
    const lines: string[] = [];
    const suite = file("blank.yaml", "suite: blank\ncases:\n  - id: blank\n    turns: [{ say: '   ' }]\n    expect_state: [{ entity: Order, count: 1 }]\n");
    expect(await main(["eval", suite, "--provider", "local"], (l) => lines.push(l))).toBe(1);
    expect(errors).toHaveBeenCalledWith("flashfusion: 1 of 1 cases failed");
    expect(lines.join("\n")).toContain("blank/blank");
  });

  it("refuses unknown providers, zero trials and an endpoint for the local provider as usage errors", async () => {
    vi.spyOn(console, "error").mockImplementation(() => {});
    expect(await main(["eval", passing, "--provider", "gpt"], () => {})).toBe(2);
    expect(await main(["eval", passing, "--trials", "0"], () => {})).toBe(2);
    expect(await main(["eval", passing, "--base-url", "http://localhost:1"], () => {})).toBe(2);
  });
});
