import { defineResource } from "./define.js";
import { startingWith } from "./lookup.js";

export const workflowResource = defineResource({
  name: "workflow",
  title: "Workflow execution",
  description: "An order or onboarding workflow execution with its steps, compensation and orders (show_workflow).",
  uriTemplate: "flashfusion://workflows/{id}",
  variable: "id",
  tool: "show_workflow",
  args: (id) => ({ execution_id: id }),
  values: async (store, prefix, _scope, limit) =>
    (await startingWith(store, "WorkflowExecution", "id", prefix, { orderBy: "created_at", direction: "desc", limit })).map((w) => ({
      value: w.id,
      label: `${w.workflow_type} (${w.status})`,
    })),
});
