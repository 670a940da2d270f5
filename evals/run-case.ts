import type { AgentName } from "../agents/index.js";
import type { TurnStatus } from "../graph/events.js";
import { collectTurn, type Runtime, type RuntimeOptions, type TurnResult } from "../graph/types.js";
import { prepareWorld, type CaseWorld } from "./case-setup.js";
import { show, type MatchContext } from "./matchers.js";
import { replyContains, replyMatches } from "./reply.js";
import { BUSINESS_ENTITIES, checkState, describeChanges, snapshot } from "./state.js";
import type { EvalCase, Turn, TurnExpect } from "./types.js";

/** Builds the runtime a case talks to: `createRuntime` in earnest, a scripted one in tests. */
export type RuntimeFactory = (options: RuntimeOptions) => Promise<Runtime>;

export interface DriveOptions {
  createRuntime: RuntimeFactory;
  provider?: string;
  model?: string;
  /** How long one turn may take before the case fails (default 60 s). */
  turnTimeoutMs?: number;
  /** How long to wait for background work after the last turn (default 30 s). */
  settleTimeoutMs?: number;
  /** Run each case in a fresh database on this PostgreSQL server (a clone of a migrated template) instead of an in-memory SQLite database. */
  databaseUrl?: string;
}

export interface Usage {
  prompt_tokens: number;
  completion_tokens: number;
  cost_usd: number;
}

export interface TurnRecord {
  said: string;
  reply: string;
  status: TurnStatus;
  agents: AgentName[];
}

/** One run of one case. */
export interface CaseRun {
  passed: boolean;
  failures: string[];
  agents: AgentName[];
  latencyMs: number;
  usage: Usage;
  transcript: TurnRecord[];
}

export const emptyUsage = (): Usage => ({ prompt_tokens: 0, completion_tokens: 0, cost_usd: 0 });

/**
 * Runs a case once: its world, its turns through the runtime's chat entry point (approvals
 * answered on the same thread), the wait for background work, then `expect_state` and
 * `unchanged`. Whatever the runtime does wrong — throwing included — fails the case; only a
 * suite that cannot be set up (a SuiteError) escapes.
 */
export async function runCase(c: EvalCase, options: DriveOptions): Promise<CaseRun> {
  const world = await prepareWorld(c, options.databaseUrl);
  const run: CaseRun = { passed: false, failures: [], agents: [], latencyMs: 0, usage: emptyUsage(), transcript: [] };
  const ctx: MatchContext = { now: new Date(c.now) };
  const settleMs = options.settleTimeoutMs ?? 30_000;
  let runtime: Runtime | undefined;
  try {
    const before = await snapshot(world.db.kysely, c.unchanged);
    try {
      runtime = await options.createRuntime({
        db: world.db,
        secretKey: world.secretKey,
        clock: world.clock,
        ids: world.ids,
        provider: options.provider,
        model: options.model,
      });
    } catch (e) {
      run.failures.push(`the runtime could not start: ${messageOf(e)}`);
    }
    if (runtime && (await driveTurns(c, runtime, world, options, run))) {
      const settled = await runtime.settle(settleMs).catch((e: unknown) => {
        run.failures.push(`waiting for background work failed: ${messageOf(e)}`);
        return true;
      });
      if (!settled) run.failures.push(`background work (runs, deliveries) was still going after ${settleMs / 1000} s`);
      for (const check of c.expectState) run.failures.push(...(await checkState(world.db.kysely, check, ctx)));
      const changes = describeChanges(before, await snapshot(world.db.kysely, c.unchanged));
      run.failures.push(...changes.map((change) => `expected unchanged, but ${change}`));
    }
  } finally {
    await runtime?.close().catch((e: unknown) => run.failures.push(`the runtime did not close cleanly: ${messageOf(e)}`));
    await world.db.close();
  }
  run.passed = run.failures.length === 0;
  return run;
}

/** Plays the turns in order; answers false when the case cannot go on (the runtime failed). */
async function driveTurns(c: EvalCase, runtime: Runtime, world: CaseWorld, options: DriveOptions, run: CaseRun): Promise<boolean> {
  let threadId: string | undefined;
  let pending = false;
  for (const [index, turn] of c.turns.entries()) {
    const label = `turn ${index + 1} (${turn.kind === "say" ? show(turn.text, 60) : `approve: ${turn.approve}`})`;
    if (turn.kind === "approve" && (!pending || !threadId)) {
      run.failures.push(`${label}: nothing is waiting for approval, so there is nothing to answer`);
      return false;
    }
    const before = turn.expect.asks ? await snapshot(world.db.kysely, BUSINESS_ENTITIES) : undefined;
    const started = performance.now();
    let result: TurnResult;
    try {
      result = await withTimeout(options.turnTimeoutMs ?? 60_000, (signal) =>
        collectTurn(
          turn.kind === "say"
            ? runtime.chat({ speaker: world.speaker, text: turn.text, threadId, signal })
            : runtime.approve({ speaker: world.speaker, threadId: threadId!, approve: turn.approve, signal }),
        ),
      );
    } catch (e) {
      run.failures.push(`${label}: the runtime failed: ${messageOf(e)}`);
      return false;
    }
    run.latencyMs += performance.now() - started;
    threadId ??= result.threadId || undefined;
    pending = result.status === "awaiting_approval";
    for (const agent of result.agents) if (!run.agents.includes(agent)) run.agents.push(agent);
    run.usage.prompt_tokens += result.usage.prompt_tokens;
    run.usage.completion_tokens += result.usage.completion_tokens;
    run.usage.cost_usd += result.usage.cost_usd;
    run.transcript.push({ said: saidOf(turn), reply: result.reply, status: result.status, agents: result.agents });
    const changes = before ? describeChanges(before, await snapshot(world.db.kysely, BUSINESS_ENTITIES)) : [];
    run.failures.push(...turnFailures(turn.expect, result, changes).map((f) => `${label}: ${f}`));
  }
  return true;
}

/** The ways a turn can miss its `expect`, each saying what was expected and what was found. */
export function turnFailures(expect: TurnExpect, result: TurnResult, changes: readonly string[]): string[] {
  const failures: string[] = [];
  if (expect.agent && !result.agents.includes(expect.agent)) {
    failures.push(`expected agent ${expect.agent}, found ${result.agents.join(", ") || "no agent"}`);
  }
  if (expect.approval === true && result.status !== "awaiting_approval") {
    failures.push(`expected it to wait for approval, but the turn ended ${result.status}`);
  }
  if (expect.approval === false && result.status === "awaiting_approval") {
    failures.push(`expected no approval request, but it waits for approval of: ${result.approval?.summary ?? "an action"}`);
  }
  if (expect.asks === true) {
    if (result.status !== "clarification") failures.push(`expected it to ask for what it needs, but the turn ended ${result.status}`);
    if (changes.length) failures.push(`expected nothing to change while it asks, but ${changes.join("; ")}`);
  }
  if (expect.asks === false && result.status === "clarification") failures.push("expected no question back, but it asked");

  const reply: string[] = [];
  const missing = (expect.reply_contains ?? []).filter((s) => !replyContains(result.reply, s));
  if (missing.length) reply.push(`should contain ${missing.map((s) => show(s)).join(", ")}`);
  const present = (expect.reply_not_contains ?? []).filter((s) => replyContains(result.reply, s));
  if (present.length) reply.push(`should not contain ${present.map((s) => show(s)).join(", ")}`);
  const unmatched = (expect.reply_matches ?? []).filter((p) => !replyMatches(result.reply, p));
  if (unmatched.length) reply.push(`should match ${unmatched.map((p) => `/${p}/i`).join(", ")}`);
  if (reply.length) failures.push(`the reply ${reply.join("; ")} — the reply was ${show(result.reply, 400)}`);
  return failures;
}

function saidOf(turn: Turn): string {
  return turn.kind === "say" ? turn.text : turn.approve ? "(approves)" : "(rejects)";
}

async function withTimeout<T>(ms: number, work: (signal: AbortSignal) => Promise<T>): Promise<T> {
  const controller = new AbortController();
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      controller.abort();
      reject(new Error(`no answer within ${ms / 1000} s`));
    }, ms);
  });
  try {
    return await Promise.race([work(controller.signal), timeout]);
  } finally {
    clearTimeout(timer);
  }
}

export function messageOf(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}
