import type { Store } from "../../../entities/store.js";
import { isToolError } from "../../errors.js";
import { auditWorkflow } from "./audit.js";
import { findByKey, isUniqueViolation } from "./idempotency.js";
import { ExecutionNotRunningError, failedStep, resultsOf, saveStep, stepsOf } from "./progress.js";
import {
  isStepFailure,
  type Execution,
  type StepContext,
  type StepDef,
  type StepError,
  type StepRecord,
  type Workflow,
  type WorkflowRuntime,
} from "./types.js";

/**
 * The saga engine. An execution runs its steps in order, each in a transaction of its own that
 * also writes the step's new state and its audit row, so `WorkflowExecution.steps` always says
 * how far the work got. When a step fails, the completed steps are compensated in reverse order
 * and the execution ends `failed`; a compensation that fails ends it `compensation_failed` with
 * a Task for a person. A crash leaves the execution `running`: `resumeWorkflow` picks it up
 * where its steps say it stopped.
 */

/** An execution this build cannot drive: its type or its steps are not defined (any more). */
export class WorkflowDefinitionError extends Error {
  constructor(
    readonly executionId: string,
    readonly reason: string,
  ) {
    super(`workflow ${executionId} cannot be resumed: ${reason}`);
    this.name = "WorkflowDefinitionError";
  }
}

export interface WorkflowRequest<I> {
  /** The idempotency key: the same key and request answer the first execution. */
  key: string;
  /** `requestHash` of the request as the caller made it. */
  hash: string;
  /**
   * Checks and resolves the request into the workflow's input. Throwing here refuses the
   * request with nothing written: no execution is started.
   */
  prepare(): Promise<I>;
}

export interface WorkflowOutcome {
  execution: Execution;
  /** True when the key had already run this request: nothing was done again. */
  replayed: boolean;
}

export async function startWorkflow<I extends Record<string, unknown>>(
  rt: WorkflowRuntime,
  workflow: Workflow<I>,
  request: WorkflowRequest<I>,
): Promise<WorkflowOutcome> {
  const earlier = await findByKey(rt.store, request.key, request.hash);
  if (earlier) return { execution: earlier, replayed: true };
  const input = await request.prepare();
  let execution: Execution;
  try {
    execution = await rt.transaction(async (store) => {
      const row = await store.insert("WorkflowExecution", {
        workflow_type: workflow.type,
        status: "running",
        steps: workflow.steps(input).map((s): StepRecord => ({ name: s.name, status: "pending" })),
        idempotency_key: request.key,
        input_hash: request.hash,
        input,
        actor_id: rt.actor.id,
        started_at: rt.clock.now().toISOString(),
        owner_id: rt.services.presence.id,
      });
      await auditWorkflow(store, rt, row, { event_type: "workflow", action: workflow.type, status: "started" });
      return row;
    });
  } catch (e) {
    // Two calls with one key raced past the lookup: the loser answers as a replay would.
    const raced = isUniqueViolation(e) ? await findByKey(rt.store, request.key, request.hash) : undefined;
    if (raced) return { execution: raced, replayed: true };
    throw e;
  }
  return { execution: await drive(rt, workflow, execution, input), replayed: false };
}

/** Finishes an execution a crash left `running`: forward from the interrupted step, or on with its compensation. */
export async function resumeWorkflow<I extends Record<string, unknown>>(
  rt: WorkflowRuntime,
  workflow: Workflow<I>,
  execution: Execution,
): Promise<Execution> {
  const parsed = workflow.input.safeParse(execution.input);
  if (!parsed.success) throw new WorkflowDefinitionError(execution.id, `its input does not fit ${workflow.type} any more`);
  const names = stepsOf(execution).map((s) => s.name);
  const defined = workflow.steps(parsed.data).map((d) => d.name);
  if (names.join("\u0000") !== defined.join("\u0000")) {
    throw new WorkflowDefinitionError(execution.id, `its steps [${names.join(", ")}] are not the ones ${workflow.type} defines now [${defined.join(", ")}]`);
  }
  const at = stepsOf(execution).find((s) => s.status !== "completed");
  await rt.transaction((store) =>
    auditWorkflow(store, rt, execution, {
      event_type: "workflow",
      action: workflow.type,
      status: "resumed",
      details: { interrupted_at: at?.name ?? null, interrupted_status: at?.status ?? null },
    }),
  );
  return drive(rt, workflow, execution, parsed.data);
}

async function drive<I extends Record<string, unknown>>(
  rt: WorkflowRuntime,
  workflow: Workflow<I>,
  start: Execution,
  input: I,
): Promise<Execution> {
  const defs = workflow.steps(input);
  let execution = start;
  if (!failedStep(execution)) {
    for (let i = 0; i < defs.length; i++) {
      if (stepsOf(execution)[i]!.status === "completed") continue;
      execution = await runStep(rt, execution, input, defs[i]!, i);
      if (stepsOf(execution)[i]!.status === "failed") break;
    }
  }
  const failure = failedStep(execution);
  if (!failure) return complete(rt, workflow, execution, input);
  execution = await compensate(rt, execution, input, defs, failure.error!);
  return fail(rt, execution, failure);
}

function contextOf<I>(rt: WorkflowRuntime, execution: Execution, input: I, key: string, failure?: StepError): StepContext<I> {
  return {
    execution,
    input,
    results: resultsOf(execution),
    key,
    services: rt.services,
    clock: rt.clock,
    actorId: rt.actor.id,
    ...(failure ? { failure } : {}),
  };
}

function errorOf(e: unknown): StepError {
  if (isToolError(e)) return { code: e.code, message: e.message, ...(Object.keys(e.details).length ? { details: e.details } : {}) };
  return { code: null, message: e instanceof Error ? e.message : String(e) };
}

function elapsed(since: number): number {
  return Math.round((performance.now() - since) * 1000) / 1000;
}

async function runStep<I>(rt: WorkflowRuntime, before: Execution, input: I, def: StepDef<I, unknown>, index: number): Promise<Execution> {
  const t0 = performance.now();
  const attempts = (stepsOf(before)[index]!.attempts ?? 0) + 1;
  let execution = await rt.transaction((store) =>
    saveStep(store, before, index, { status: "running", started_at: rt.clock.now().toISOString(), attempts }),
  );
  const ctx = contextOf(rt, execution, input, `${execution.id}:${def.name}`);
  const failed = (error: StepError) =>
    rt.transaction(async (store) => {
      const next = await saveStep(store, execution, index, {
        status: "failed",
        error,
        finished_at: rt.clock.now().toISOString(),
        duration_ms: elapsed(t0),
      });
      await auditWorkflow(store, rt, next, { event_type: "workflow_step", action: def.name, status: "failed", details: { step: def.name, error } });
      return next;
    });
  let called: unknown;
  try {
    called = def.call ? await def.call(ctx) : undefined;
  } catch (e) {
    return failed(errorOf(e));
  }
  try {
    execution = await rt.transaction(async (store) => {
      const out = await def.run(store, ctx, called);
      const finished = { finished_at: rt.clock.now().toISOString(), duration_ms: elapsed(t0) };
      if (isStepFailure(out)) {
        const next = await saveStep(store, execution, index, { status: "failed", error: out.error, ...finished });
        await auditWorkflow(store, rt, next, { event_type: "workflow_step", action: def.name, status: "failed", details: { step: def.name, error: out.error } });
        return next;
      }
      const result = out ?? {};
      const next = await saveStep(store, execution, index, { status: "completed", result, ...finished });
      await auditWorkflow(store, rt, next, { event_type: "workflow_step", action: def.name, status: "completed", details: { step: def.name, result } });
      return next;
    });
    return execution;
  } catch (e) {
    if (e instanceof ExecutionNotRunningError) throw e;
    return failed(errorOf(e));
  }
}

/** Undoes the completed steps, last first. A compensation that fails is recorded and the others still run. */
async function compensate<I>(
  rt: WorkflowRuntime,
  start: Execution,
  input: I,
  defs: StepDef<I, unknown>[],
  failure: StepError,
): Promise<Execution> {
  let execution = start;
  for (let i = defs.length - 1; i >= 0; i--) {
    const def = defs[i]!;
    const record = stepsOf(execution)[i]!;
    if (record.status !== "completed" || !def.compensate) continue;
    const undo = def.compensate;
    const result = record.result ?? {};
    const t0 = performance.now();
    const ctx = contextOf(rt, execution, input, `${execution.id}:${def.name}:compensate`, failure);
    try {
      const called = undo.call ? await undo.call(ctx, result) : undefined;
      execution = await rt.transaction(async (store) => {
        await undo.run(store, ctx, result, called);
        const next = await saveStep(store, execution, i, { status: "compensated", compensated_at: rt.clock.now().toISOString() });
        await auditWorkflow(store, rt, next, {
          event_type: "workflow_compensation",
          action: def.name,
          status: "compensated",
          details: { step: def.name, duration_ms: elapsed(t0) },
        });
        return next;
      });
    } catch (e) {
      if (e instanceof ExecutionNotRunningError) throw e;
      const error = errorOf(e);
      execution = await rt.transaction(async (store) => {
        const next = await saveStep(store, execution, i, { status: "compensation_failed", compensation_error: error });
        await auditWorkflow(store, rt, next, {
          event_type: "workflow_compensation",
          action: def.name,
          status: "compensation_failed",
          details: { step: def.name, error },
        });
        return next;
      });
    }
  }
  return execution;
}

async function complete<I extends Record<string, unknown>>(
  rt: WorkflowRuntime,
  workflow: Workflow<I>,
  execution: Execution,
  input: I,
): Promise<Execution> {
  return rt.transaction(async (store) => {
    const output = await workflow.output(store, contextOf(rt, execution, input, `${execution.id}:output`));
    const done = await store.update(
      "WorkflowExecution",
      execution.id,
      { status: "completed", output, finished_at: rt.clock.now().toISOString() },
      { status: "running" },
    );
    if (!done) throw new ExecutionNotRunningError(execution.id);
    await auditWorkflow(store, rt, done, { event_type: "workflow", action: workflow.type, status: "completed" });
    return done;
  });
}

async function fail(rt: WorkflowRuntime, execution: Execution, failure: StepRecord): Promise<Execution> {
  const broken = stepsOf(execution).filter((s) => s.status === "compensation_failed");
  const error = failure.error!;
  return rt.transaction(async (store) => {
    const status = broken.length > 0 ? "compensation_failed" : "failed";
    const done = await store.update(
      "WorkflowExecution",
      execution.id,
      {
        status,
        error: error.message,
        error_code: error.code,
        error_details: error.details ?? null,
        failed_step: failure.name,
        finished_at: rt.clock.now().toISOString(),
      },
      { status: "running" },
    );
    if (!done) throw new ExecutionNotRunningError(execution.id);
    const task = broken.length > 0 ? await openRepairTask(store, done, failure, broken) : undefined;
    await auditWorkflow(store, rt, done, {
      event_type: "workflow",
      action: done.workflow_type,
      status,
      details: { failed_step: failure.name, error, ...(task ? { task_id: task.id } : {}) },
    });
    return done;
  });
}

/** A compensation failed: the work is half undone, and a person has to finish it. */
async function openRepairTask(store: Store, execution: Execution, failure: StepRecord, broken: StepRecord[]) {
  const lines = broken.map((s) => `- ${s.name}: ${s.compensation_error?.message ?? "unknown error"}`);
  return store.insert("Task", {
    title: `Finish undoing workflow ${execution.id} (${execution.workflow_type})`,
    description: [
      `Step ${failure.name} failed: ${failure.error?.message ?? "unknown error"}.`,
      "These steps could not be compensated and need a person:",
      ...lines,
    ].join("\n"),
    status: "open",
    workflow_type: execution.workflow_type,
    current_step: broken[0]!.name,
    source: "workflow",
    related_id: execution.id,
    priority: "high",
  });
}
