import { defineResource } from "./define.js";
import { startingWith } from "./lookup.js";

export const runResource = defineResource({
  name: "run",
  title: "Pipeline run",
  description: "One build of a pipeline: status, duration, steps, deployment URL and failure reason (get_status).",
  uriTemplate: "flashfusion://runs/{id}",
  variable: "id",
  tool: "get_status",
  args: (id) => ({ run_id: id }),
  values: async (store, prefix, scope, limit) =>
    (await startingWith(store, "PipelineRun", "id", prefix, { orderBy: "created_at", direction: "desc", limit, scope: { field: "pipeline_id", scope } })).map((r) => ({
      value: r.id,
      label: `build #${r.number} (${r.status}, branch ${r.branch})`,
    })),
});
