import { mkdtempSync, mkdirSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { SuiteError } from "./errors.js";
import { DEFAULT_SUITES_DIR } from "./evaluate.js";
import { loadSuites, parseSuite } from "./loader.js";

const PUBLIC_SUITE = fileURLToPath(new URL("../../shared/evals/public/", import.meta.url));

function refusal(text: string): SuiteError {
  try {
    parseSuite(text, "suites/x.yaml");
  } catch (e) {
    expect(e).toBeInstanceOf(SuiteError);
    return e as SuiteError;
  }
  throw new Error("the suite should have been refused");
}

const minimal = (caseBody: string) => `suite: s\ncases:\n  - id: c1\n${caseBody}`;

describe("loading suites", () => {
  it("loads every file of the public suite unchanged", async () => {
    const suites = await loadSuites([PUBLIC_SUITE]);
    expect(suites.map((s) => s.name).sort()).toEqual([
      "public-cicd",
      "public-copilot",
      "public-flowdirector",
      "public-routing",
      "public-security",
      "public-signalsage",
    ]);
    expect(suites.reduce((n, s) => n + s.cases.length, 0)).toBe(49);
    for (const suite of suites) expect(suite.sha256).toMatch(/^[0-9a-f]{64}$/);
    const funnel = suites.find((s) => s.name === "public-signalsage")!.cases.find((c) => c.id === "ss-funnel-weekly")!;
    expect(funnel.given.filter((r) => r.entity === "Event")).toHaveLength(15);
  });

  it("loads the project's own suites, the held-out paraphrases flagged", async () => {
    const suites = await loadSuites([DEFAULT_SUITES_DIR]);
    const names = suites.map((s) => s.name);
    for (const name of ["flowdirector", "signalsage", "copilot", "cicd", "security", "routing", "paraphrase-holdout"]) {
      expect(names).toContain(name);
    }
    expect(suites.filter((s) => s.holdout).map((s) => s.name)).toEqual(["paraphrase-holdout"]);
  });

  it("reads a case's fields: defaults, YAML timestamps, single strings and numbers as lists", () => {
    const [c] = parseSuite(
      minimal(`    now: 2026-04-05T09:00:00Z
    tags: [a, 7]
    turns:
      - say: hi
        expect: { reply_contains: 88.2, reply_matches: "x" }
      - approve: false
`),
      "f.yaml",
    ).cases;
    expect(c).toMatchObject({ id: "c1", now: "2026-04-05T09:00:00.000Z", tags: ["a", "7"], given: [], expectState: [], unchanged: [] });
    expect(c!.turns).toEqual([
      { kind: "say", text: "hi", expect: { reply_contains: ["88.2"], reply_matches: ["x"] } },
      { kind: "approve", approve: false, expect: {} },
    ]);
    const [d] = parseSuite(minimal("    turns: [{ say: hi }]\n"), "f.yaml").cases;
    expect(d!.now).toBe("2026-03-10T09:00:00.000Z");
    const [e] = parseSuite(`%YAML 1.1\n---\n${minimal("    now: 2026-04-05T09:00:00Z\n    turns: [{ say: hi }]\n")}`, "f.yaml").cases;
    expect(e!.now).toBe("2026-04-05T09:00:00.000Z");
  });

  it("finds suites recursively in folders and refuses missing or empty ones", async () => {
    const dir = mkdtempSync(join(tmpdir(), "ff-suites-"));
    mkdirSync(join(dir, "nested", "paraphrase-holdout"), { recursive: true });
    mkdirSync(join(dir, "empty"));
    writeFileSync(join(dir, "a.yaml"), minimal("    turns: [{ say: hi }]\n").replace("suite: s", "suite: a"));
    writeFileSync(join(dir, "nested", "paraphrase-holdout", "b.yml"), minimal("    turns: [{ say: hi }]\n").replace("suite: s", "suite: b"));
    writeFileSync(join(dir, "nested", "notes.txt"), "not a suite");
    const suites = await loadSuites([dir]);
    expect(suites.map((s) => [s.name, s.holdout])).toEqual([["a", false], ["b", true]]);
    await expect(loadSuites([join(dir, "missing")])).rejects.toThrow(/missing: no such file or folder/);
    await expect(loadSuites([join(dir, "empty")])).rejects.toThrow(/holds no suite files/);
    writeFileSync(join(dir, "nested", "dup.yaml"), minimal("    turns: [{ say: hi }]\n").replace("suite: s", "suite: a"));
    await expect(loadSuites([dir])).rejects.toThrow(/the name a is already used by/);
  });
});

describe("a malformed suite is named by file, case and field", () => {
  it.each([
    ["a YAML syntax error", "suite: s\ncases: [\n", undefined, "line"],
    ["a misspelt top-level key", "suite: s\ncasez: []\n", undefined, "casez"],
    ["no cases", "suite: s\ncases: []\n", undefined, "cases"],
    ["a misspelt case key", minimal("    turns: [{ say: hi }]\n    expect_sate: []\n"), "c1", "expect_sate"],
    ["a case without turns", minimal("    turns: []\n"), "c1", "turns"],
    ["a turn with say and approve", minimal("    turns: [{ say: hi, approve: true }]\n"), "c1", "turns[0]"],
    ["a turn with neither", minimal("    turns: [{ expect: { agent: Copilot } }]\n"), "c1", "turns[0]"],
    ["an unknown agent", minimal("    turns: [{ say: hi, expect: { agent: Clippy } }]\n"), "c1", "turns[0].expect.agent"],
    ["an unknown expectation", minimal("    turns: [{ say: hi, expect: { reply_includes: [x] } }]\n"), "c1", "turns[0].expect.reply_includes"],
    ["a regular expression that does not compile", minimal("    turns: [{ say: hi, expect: { reply_matches: ['(unclosed'] } }]\n"), "c1", "turns[0].expect.reply_matches[0]"],
    ["an unknown entity in expect_state", minimal("    turns: [{ say: hi }]\n    expect_state: [{ entity: Orders }]\n"), "c1", "expect_state[0].entity"],
    ["an unknown field in where", minimal("    turns: [{ say: hi }]\n    expect_state: [{ entity: Order, where: { customer: x } }]\n"), "c1", "expect_state[0].where.customer"],
    ["an encrypted field in fields", minimal("    turns: [{ say: hi }]\n    expect_state: [{ entity: Secret, fields: { value: x } }]\n"), "c1", "expect_state[0].fields.value"],
    ["an unknown operator", minimal("    turns: [{ say: hi }]\n    expect_state: [{ entity: Order, fields: { items: { $has: 1 } } }]\n"), "c1", "expect_state[0].fields.items.$has"],
    ["a count that is not a matcher", minimal("    turns: [{ say: hi }]\n    expect_state: [{ entity: Order, count: { status: paid } }]\n"), "c1", "expect_state[0].count"],
    ["a negative count", minimal("    turns: [{ say: hi }]\n    expect_state: [{ entity: Order, count: -1 }]\n"), "c1", "expect_state[0].count"],
    ["an unknown entity in unchanged", minimal("    turns: [{ say: hi }]\n    unchanged: [Projects]\n"), "c1", "unchanged[0]"],
    ["an actor missing from given", minimal("    actor: usr_ghost\n    turns: [{ say: hi }]\n"), "c1", "actor"],
    ["a clock that is not a time", minimal("    now: next tuesday\n    turns: [{ say: hi }]\n"), "c1", "now"],
    ["a given row with an unknown field", minimal("    given: { Product: [{ sku: A, price: 1, colour: red }] }\n    turns: [{ say: hi }]\n"), "c1", "given.Product[0].colour"],
    ["a given row with a bad value", minimal("    given: { Coupon: [{ code: X, percent_off: lots }] }\n    turns: [{ say: hi }]\n"), "c1", "given.Coupon[0].percent_off"],
    ["a given row of an unknown entity", minimal("    given: { Customer: [{ email: a@b.c }] }\n    turns: [{ say: hi }]\n"), "c1", "given.Customer"],
  ])("%s", (_what, text, caseId, field) => {
    const e = refusal(text);
    expect(e.file).toBe("suites/x.yaml");
    expect(e.caseId).toBe(caseId);
    expect(e.path ?? "").toContain(field);
    expect(e.message).toContain("suites/x.yaml");
  });

  it("names a case by position when its id is missing, and refuses duplicate ids", () => {
    expect(refusal("suite: s\ncases:\n  - turns: [{ say: hi }]\n")).toMatchObject({ caseId: "#1", path: "id" });
    const dup = refusal(minimal("    turns: [{ say: hi }]\n  - id: c1\n    turns: [{ say: ho }]\n"));
    expect(dup).toMatchObject({ caseId: "c1", path: "cases[1].id" });
  });

  it("says it all in one line", () => {
    expect(refusal(minimal("    turns: [{ say: hi }]\n    expect_state: [{ entity: Order, where: { customer: x } }]\n")).message).toMatch(
      /^suites\/x\.yaml: case c1: expect_state\[0\]\.where\.customer: Order\.customer is not a field of the entity; readable fields: id, workspace_id/,
    );
  });
});
