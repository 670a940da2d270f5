import { auditWorkflow } from "./audit.js";
import { resumeWorkflow, WorkflowDefinitionError } from "./engine.js";
import { detachedRuntime, type EngineDeps } from "./runtime.js";
import type { AnyWorkflow, Execution } from "./types.js";

/**
 * Finds the executions a crash left `running`, in every workspace, and finishes each: forward
 * from the step that was interrupted, or on with its compensation. Meant for start-up, before
 * the process takes calls: every execution still running then belongs to a process that died.
 */
export async function recoverWorkflows(deps: EngineDeps, workflows: readonly AnyWorkflow[]): Promise<Execution[]> {
  const interrupted = await deps.db.kysely
    .selectFrom("workflow_executions")
    .select(["id", "workspace_id"])
    .where("status", "=", "running")
    .orderBy("created_at")
    .orderBy("id")
    .execute();
  const finished: Execution[] = [];
  for (const row of interrupted) {
    const probe = detachedRuntime(deps, String(row.workspace_id), null);
    const execution = await probe.store.require("WorkflowExecution", String(row.id));
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
