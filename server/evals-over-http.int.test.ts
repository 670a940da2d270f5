import { describe, expect, it } from "vitest";
import { loadSuites } from "../evals/loader.js";
import { runCase } from "../evals/run-case.js";
import { httpRuntime } from "./testing/http-runtime.js";

// The public suite's Copilot cases (its copilot suite, and every other case a turn of which
// Copilot should answer), each on its own world, spoken over the chat API (SSE).
const suites = await loadSuites(["../shared/evals/public"]);
const copilotSuite = suites.find((s) => s.file.endsWith("copilot.yaml"))?.cases ?? [];
const cases = suites.flatMap((s) => s.cases).filter((c) => copilotSuite.includes(c) || c.turns.some((t) => t.expect.agent === "Copilot"));

describe("the public Copilot cases, end to end through POST /api/v1/chat", () => {
  it("has cases to run", () => {
    expect(copilotSuite.length).toBeGreaterThanOrEqual(9);
    expect(cases.length).toBeGreaterThan(copilotSuite.length);
  });

  it.each(cases.map((c) => [c.id, c] as const))("%s", async (_id, c) => {
    const run = await runCase(c, { createRuntime: httpRuntime, provider: "local", turnTimeoutMs: 20_000, settleTimeoutMs: 10_000 });
    expect(run.failures).toEqual([]);
  });
});
