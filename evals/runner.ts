import type { AgentName } from "../agents/index.js";
import { closeScratchServer } from "../entities/scratch.js";
import { emptyUsage, runCase, type DriveOptions, type TurnRecord, type Usage } from "./run-case.js";
import type { EvalCase, Suite } from "./types.js";

export interface RunOptions extends DriveOptions {
  /** Runs of each case (pass^k); default 1. */
  trials?: number;
  /** Only cases whose suite, id, tags or description contain this text (case-insensitive). */
  filter?: string;
  /** Cases run at once; default 1. */
  concurrency?: number;
  onCase?: (result: CaseResult) => void;
}

/** A case over all its trials. */
export interface CaseResult {
  suite: string;
  file: string;
  id: string;
  description?: string;
  tags: string[];
  holdout: boolean;
  /** The agents the case's turns expect, for reports per agent. */
  expectedAgents: AgentName[];
  trials: number;
  passedTrials: number;
  /** Every trial passed. */
  passed: boolean;
  /** The failures of the first failing trial. */
  failures: string[];
  /** The agents that handled its turns, over all trials. */
  agents: AgentName[];
  /** Mean time of a trial's turns. */
  latencyMs: number;
  /** Over all trials. */
  usage: Usage;
  /** The turns of the first failing trial (or of the last one when all passed). */
  transcript: TurnRecord[];
}

export interface RunReport {
  startedAt: string;
  finishedAt: string;
  provider: string;
  model: string | null;
  trials: number;
  filter: string | null;
  suites: Suite[];
  cases: CaseResult[];
}

export function selectCases(suites: readonly Suite[], filter: string | undefined): { suite: Suite; case: EvalCase }[] {
  const needle = filter?.toLowerCase();
  return suites.flatMap((suite) =>
    suite.cases
      .filter((c) => !needle || [suite.name, c.id, c.description ?? "", ...c.tags].some((t) => t.toLowerCase().includes(needle)))
      .map((c) => ({ suite, case: c })),
  );
}

/** Runs the selected cases (each `trials` times, on a fresh world each time) and collects the results in suite order. */
export async function runSuites(suites: readonly Suite[], options: RunOptions): Promise<RunReport> {
  const startedAt = new Date().toISOString();
  const trials = Math.max(1, options.trials ?? 1);
  const selected = selectCases(suites, options.filter);
  const results: CaseResult[] = new Array(selected.length);
  let next = 0;
  const worker = async () => {
    while (next < selected.length) {
      const index = next++;
      const { suite, case: c } = selected[index]!;
      results[index] = await runTrials(suite, c, trials, options);
      options.onCase?.(results[index]!);
    }
  };
  try {
    await Promise.all(Array.from({ length: Math.max(1, Math.min(options.concurrency ?? 1, selected.length)) }, worker));
  } finally {
    // On PostgreSQL the cases' databases were clones of one template: nothing of the run stays on the server.
    if (options.databaseUrl) await closeScratchServer(options.databaseUrl);
  }
  return {
    startedAt,
    finishedAt: new Date().toISOString(),
    provider: options.provider ?? "local",
    model: options.model ?? null,
    trials,
    filter: options.filter ?? null,
    suites: [...suites],
    cases: results,
  };
}

async function runTrials(suite: Suite, c: EvalCase, trials: number, options: RunOptions): Promise<CaseResult> {
  const runs = [];
  for (let t = 0; t < trials; t++) runs.push(await runCase(c, options));
  const shown = runs.find((r) => !r.passed) ?? runs.at(-1)!;
  const usage = emptyUsage();
  for (const r of runs) {
    usage.prompt_tokens += r.usage.prompt_tokens;
    usage.completion_tokens += r.usage.completion_tokens;
    usage.cost_usd += r.usage.cost_usd;
  }
  const passedTrials = runs.filter((r) => r.passed).length;
  return {
    suite: suite.name,
    file: suite.file,
    id: c.id,
    description: c.description,
    tags: c.tags,
    holdout: suite.holdout,
    expectedAgents: [...new Set(c.turns.flatMap((t) => (t.expect.agent ? [t.expect.agent] : [])))],
    trials,
    passedTrials,
    passed: passedTrials === trials,
    failures: shown.failures,
    agents: [...new Set(runs.flatMap((r) => r.agents))],
    latencyMs: runs.reduce((sum, r) => sum + r.latencyMs, 0) / trials,
    usage,
    transcript: shown.transcript,
  };
}
