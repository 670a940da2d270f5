import type { z } from "zod";
import type { Clock } from "../../../entities/clock.js";
import type { IdGenerator } from "../../../entities/ids.js";
import type { Entities, EntityName, WorkflowStep } from "../../../entities/index.js";
import type { Store } from "../../../entities/store.js";
import type { ToolErrorCode } from "../../errors.js";
import type { Services } from "../../services.js";

export type WorkflowType = "order_processing" | "user_onboarding";
export type Execution = Entities["WorkflowExecution"];
export type StepStatus = WorkflowStep["status"];
export type StepResult = Record<string, unknown>;

/** One entry of `WorkflowExecution.steps`, as the engine writes it. */
export type StepRecord = {
  name: string;
  status: StepStatus;
  started_at?: string;
  finished_at?: string;
  duration_ms?: number;
  /** How many times the step was started (more than one after a resume). */
  attempts?: number;
  result?: StepResult;
  error?: StepError;
  compensated_at?: string;
  compensation_error?: StepError;
};

/** Why a step failed: the ToolError it raised (code null for an unexpected error). */
export interface StepError {
  code: ToolErrorCode | null;
  message: string;
  details?: Record<string, unknown>;
}

/**
 * A step's failure as a plain value. Unlike a thrown error, whose writes roll back with the
 * step's transaction, a returned failure keeps the step's writes (a declined Payment stays on
 * record) and the workflow compensates the steps before it.
 */
export interface StepFailure {
  kind: "step_failure";
  error: StepError;
}

export function stepFailed(code: ToolErrorCode, message: string, details?: Record<string, unknown>): StepFailure {
  return { kind: "step_failure", error: { code, message, ...(details ? { details } : {}) } };
}

export function isStepFailure(value: unknown): value is StepFailure {
  return typeof value === "object" && value !== null && (value as { kind?: unknown }).kind === "step_failure";
}

/** What a step, a compensation and the workflow's output see. */
export interface StepContext<I> {
  execution: Execution;
  input: I;
  /** Results of the steps that produced one, by step name. */
  results: Readonly<Record<string, StepResult>>;
  /** Stable across a resume: the idempotency key for calls to other systems. */
  key: string;
  services: Services;
  clock: Clock;
  actorId: string | null;
  /** During compensation: the failure being undone. */
  failure?: StepError;
}

/**
 * One step: an optional call to another system, then the step's writes in its own transaction
 * (committed together with the step's new state and its audit row), and how to undo it.
 */
export interface StepDef<I, C = undefined> {
  name: string;
  /**
   * Work outside the database (a payment), before the step's transaction. A step interrupted by
   * a crash is run again, so the call must be idempotent by `ctx.key`.
   */
  call?(ctx: StepContext<I>): Promise<C>;
  run(store: Store, ctx: StepContext<I>, called: C): Promise<StepResult | StepFailure | void>;
  compensate?: CompensationDef<I, unknown>;
}

export interface CompensationDef<I, C = undefined> {
  call?(ctx: StepContext<I>, result: StepResult): Promise<C>;
  run(store: Store, ctx: StepContext<I>, result: StepResult, called: C): Promise<void>;
}

/** Infers a step's types where it is written; the workflow holds its steps as `StepDef<I, unknown>`. */
export function step<I, C = undefined>(def: StepDef<I, C>): StepDef<I, unknown> {
  return def as StepDef<I, unknown>;
}

export interface Workflow<I extends Record<string, unknown>> {
  type: WorkflowType;
  /** Reads the input kept on the execution back, when a crashed execution is resumed. */
  input: z.ZodType<I>;
  /**
   * Entities the steps touch, WorkflowExecution, Task (opened when a compensation fails) and
   * AuditLog included. The tool declares them; recovery after a crash is held to them.
   */
  reads: readonly EntityName[];
  writes: readonly EntityName[];
  /** The ordered steps; the same input always gives the same names. */
  steps(input: I): StepDef<I, unknown>[];
  /** The result kept on the completed execution, answered again on a replay. */
  output(store: Store, ctx: StepContext<I>): Promise<Record<string, unknown>>;
}

export type AnyWorkflow = Workflow<Record<string, unknown>>;

/** What the engine needs around it: from a tool call, or from recovery at start. */
export interface WorkflowRuntime {
  /** The workspace's store outside any transaction. */
  store: Store;
  /** Runs `fn` in a transaction of its own. Never open another from inside `fn`. */
  transaction<T>(fn: (store: Store) => Promise<T>): Promise<T>;
  services: Services;
  clock: Clock;
  ids: IdGenerator;
  actor: { id: string | null; agent: string | null; threadId: string | null };
}
