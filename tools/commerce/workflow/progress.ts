import type { Store } from "../../../entities/store.js";
import type { Execution, StepRecord } from "./types.js";

/** The execution stopped running under the engine's feet (another process finished it). */
export class ExecutionNotRunningError extends Error {
  constructor(readonly executionId: string) {
    super(`workflow ${executionId} is no longer running`);
    this.name = "ExecutionNotRunningError";
  }
}

export function stepsOf(execution: Execution): StepRecord[] {
  return execution.steps as StepRecord[];
}

/**
 * Persists a new state of step `index`, compare-and-set on the execution still running, on the
 * store of the transaction that does the step's work.
 */
export async function saveStep(store: Store, execution: Execution, index: number, patch: Partial<StepRecord>): Promise<Execution> {
  const steps = stepsOf(execution).map((s, i) => (i === index ? { ...s, ...patch } : s));
  const updated = await store.update("WorkflowExecution", execution.id, { steps }, { status: "running" });
  if (!updated) throw new ExecutionNotRunningError(execution.id);
  return updated;
}

/** The step whose failure the workflow is undoing, if any. */
export function failedStep(execution: Execution): StepRecord | undefined {
  return stepsOf(execution).find((s) => s.status === "failed");
}

/** Results of the steps that produced one, by step name. */
export function resultsOf(execution: Execution): Record<string, Record<string, unknown>> {
  return Object.fromEntries(stepsOf(execution).flatMap((s) => (s.result ? [[s.name, s.result]] : [])));
}
