import { sql } from "kysely";
import { describe, expect, it } from "vitest";
import { openDb } from "../entities/db.js";
import { testDatabaseUrl } from "../entities/scratch.js";
import { parseSuite } from "./loader.js";
import type { RuntimeFactory } from "./run-case.js";
import { runSuites, selectCases } from "./runner.js";
import { summarize } from "./report/summary.js";
import { fixtureTools } from "./testing/fixture-tools.js";
import { scriptedRuntime } from "./testing/scripted-runtime.js";

const suite = parseSuite(
  `suite: notes
cases:
  - id: add-note
    tags: [happy-path]
    turns:
      - say: "Add note: call ACME"
        expect: { agent: Copilot }
    expect_state: [{ entity: Note, count: 1 }]
  - id: ask-note
    description: a question back
    turns:
      - say: Add a note
        expect: { asks: true }
`,
  "notes.yaml",
);
const script = {
  "Add note: call ACME": { agent: "Copilot" as const, calls: [{ tool: "add_note_for_eval", args: { content: "call ACME" } }] },
  "Add a note": { agent: "Copilot" as const, calls: [{ tool: "add_note_for_eval", args: {} }] },
};

/** The scripted runtime, except that the runtimes built at the given call numbers fail to start. */
function failingAt(calls: readonly number[]): RuntimeFactory {
  const inner = scriptedRuntime(fixtureTools, script);
  let n = 0;
  return async (options) => {
    if (calls.includes(n++)) throw new Error("flaky start");
    return inner(options);
  };
}

describe("running suites", () => {
  it("runs every case on a fresh world and reports them in suite order", async () => {
    const run = await runSuites([suite], { createRuntime: failingAt([]), provider: "local" });
    expect(run.cases.map((c) => [c.id, c.passed, c.passedTrials, c.expectedAgents])).toEqual([
      ["add-note", true, 1, ["Copilot"]],
      ["ask-note", true, 1, []],
    ]);
    expect(run).toMatchObject({ provider: "local", model: null, trials: 1, filter: null });
    expect(summarize(run)).toEqual({ cases: 2, passed: 2, pass_rate: 1, pass_hat_k: { "1": 1 } });
  });

  it("runs K trials per case: a case passes only when every trial does, and pass^k comes from the trial counts", async () => {
    // Trials run in order: add-note takes runtimes 0–2, ask-note 3–5.
    const run = await runSuites([suite], { createRuntime: failingAt([1, 3, 4, 5]), trials: 3 });
    expect(run.cases.map((c) => [c.id, c.passedTrials, c.trials, c.passed])).toEqual([
      ["add-note", 2, 3, false],
      ["ask-note", 0, 3, false],
    ]);
    expect(run.cases[0]!.failures).toEqual(["the runtime could not start: flaky start"]);
    const { pass_hat_k } = summarize(run);
    expect(pass_hat_k["1"]).toBeCloseTo((2 / 3 + 0) / 2, 12);
    expect(pass_hat_k["2"]).toBeCloseTo((1 / 3 + 0) / 2, 12);
    expect(pass_hat_k["3"]).toBe(0);
  });

  it("filters on suite, id, tags and description, case-insensitively", () => {
    const ids = (filter?: string) => selectCases([suite], filter).map((s) => s.case.id);
    expect(ids()).toEqual(["add-note", "ask-note"]);
    expect(ids("HAPPY")).toEqual(["add-note"]);
    expect(ids("question back")).toEqual(["ask-note"]);
    expect(ids("ask-")).toEqual(["ask-note"]);
    expect(ids("notes")).toEqual(["add-note", "ask-note"]);
    expect(ids("nothing like it")).toEqual([]);
  });

  it("keeps suite order when cases run concurrently", async () => {
    const run = await runSuites([suite], { createRuntime: failingAt([]), concurrency: 2, onCase: () => {} });
    expect(run.cases.map((c) => [c.id, c.passed])).toEqual([
      ["add-note", true],
      ["ask-note", true],
    ]);
  });
});

describe.skipIf(!testDatabaseUrl())("running suites on PostgreSQL", () => {
  it("runs each case in a database of its own and leaves none of them on the server", async () => {
    const url = testDatabaseUrl()!;
    const inner = scriptedRuntime(fixtureTools, script);
    const databases: string[] = [];
    const run = await runSuites([suite], {
      provider: "local",
      databaseUrl: url,
      createRuntime: (options) => {
        databases.push(new URL(options.db.location).pathname.slice(1));
        return inner(options);
      },
    });
    expect(run.cases.map((c) => c.passed)).toEqual([true, true]);
    expect(databases).toEqual([expect.stringMatching(/^ff_scratch_/), expect.stringMatching(/^ff_scratch_/)]);
    expect(new Set(databases).size).toBe(2);
    const server = await openDb({ url, migrate: false, poolSize: 2 });
    try {
      const { rows } = await sql<{ name: string }>`select datname as name from pg_database`.execute(server.kysely);
      const names = rows.map((r) => r.name);
      for (const name of databases) expect(names).not.toContain(name);
    } finally {
      await server.close();
    }
  });
});
