import { defineResource } from "./define.js";
import { startingWith } from "./lookup.js";

export const pipelineResource = defineResource({
  name: "pipeline",
  title: "Pipeline configuration",
  description: "A CI/CD pipeline's configuration: provider, repository, branch, steps, environment and quality gates (get_config).",
  uriTemplate: "flashfusion://pipelines/{name}",
  variable: "name",
  tool: "get_config",
  args: (name) => ({ pipeline: name }),
  values: async (store, prefix, scope, limit) =>
    (await startingWith(store, "PipelineConfig", "name", prefix, { orderBy: "name", limit, scope: { field: "id", scope } })).map((p) => ({
      value: p.name,
      label: `${p.name} (${p.provider}, ${p.repository_name ?? "no repository"})`,
    })),
});
