import { auditWorkflow } from "./audit.js";
import { resumeWorkflow, WorkflowDefinitionError } from "./engine.js";
import { detachedRuntime, type EngineDeps } from "./runtime.js";
import type { AnyWorkflow, Execution } from "./types.js";

/**
 * Finds the executions a crash left `running`, in every workspace, and finishes each: forward
 * from the step that was interrupted, or on with its compensation. Servers share the database,
 * so an execution is taken only when the process driving it is certainly gone, and claimed with
 * a compare-and-set on its owner: two servers starting together never both resume it.
 */
export async function recoverWorkflows(deps: EngineDeps, workflows: readonly AnyWorkflow[]): Promise<Execution[]> {
  const interrupted = await deps.db.kysely
    .selectFrom("workflow_executions")
    .select(["id", "workspace_id", "owner_id"])
    .where("status", "=", "running")
    .orderBy("created_at")
    .orderBy("id")
    .execute();
  const presence = deps.services.presence;
  const finished: Execution[] = [];
  for (const row of interrupted) {
    const owner = (row.owner_id as string | null) ?? null;
    if (owner !== null && !(await presence.isGone(owner))) continue;
    const probe = detachedRuntime(deps, String(row.workspace_id), null);
    const execution = await probe.store.update("WorkflowExecution", String(row.id), { owner_id: presence.id }, { status: "running", owner_id: owner });
    if (!execution) continue; // another server claimed it first
    const workflow = workflows.find((w) => w.type === execution.workflow_type);
    if (!workflow) {
      finished.push(await abandon(deps, execution, `no workflow named ${execution.workflow_type} is defined`));
      continue;
    }
    const rt = detachedRuntime(deps, execution.workspace_id, execution.actor_id, workflow);
    try {
      finished.push(await resumeWorkflow(rt, workflow, execution));
    } catch (e) {
      if (!(e instanceof WorkflowDefinitionError)) throw e;
      finished.push(await abandon(deps, execution, e.reason));
    }
  }
  return finished;
}

/** An execution this build cannot drive is handed to a person, never dropped or left running. */
async function abandon(deps: EngineDeps, execution: Execution, reason: string): Promise<Execution> {
  const rt = detachedRuntime(deps, execution.workspace_id, execution.actor_id);
  const message = `${reason}, so the interrupted execution can be neither finished nor compensated`;
  return rt.transaction(async (store) => {
    const done = await store.update(
      "WorkflowExecution",
      execution.id,
      { status: "compensation_failed", error: message, finished_at: rt.clock.now().toISOString() },
      { status: "running" },
    );
    const task = await store.insert("Task", {
      title: `Finish workflow ${execution.id} (${execution.workflow_type}) by hand`,
      description: `The workflow was interrupted by a restart and ${message}.`,
      workflow_type: execution.workflow_type,
      source: "workflow",
      related_id: execution.id,
      priority: "high",
    });
    await auditWorkflow(store, rt, execution, {
      event_type: "workflow",
      action: execution.workflow_type,
      status: "compensation_failed",
      details: { error: message, task_id: task.id },
    });
    return done ?? execution;
  });
}
