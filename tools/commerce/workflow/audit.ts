import type { Store } from "../../../entities/store.js";
import type { Execution, WorkflowRuntime } from "./types.js";

export type WorkflowEventType = "workflow" | "workflow_step" | "workflow_compensation";

export interface WorkflowAuditEntry {
  event_type: WorkflowEventType;
  /** The workflow type for workflow events, the step name for step events. */
  action: string;
  status: string;
  details?: Record<string, unknown>;
}

/**
 * Writes the audit row of a workflow event on the given store, so that it commits (or not)
 * with the step it describes.
 */
export async function auditWorkflow(store: Store, rt: WorkflowRuntime, execution: Execution, entry: WorkflowAuditEntry): Promise<void> {
  await store.insert("AuditLog", {
    event_type: entry.event_type,
    action: entry.action,
    status: entry.status,
    actor_id: rt.actor.id,
    entity_type: "WorkflowExecution",
    entity_id: execution.id,
    details: { workflow_type: execution.workflow_type, ...entry.details },
    agent: rt.actor.agent,
    thread_id: rt.actor.threadId,
  });
}
