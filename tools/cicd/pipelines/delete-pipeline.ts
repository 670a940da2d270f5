import { z } from "zod";
import type { ToolContext } from "../../define.js";
import { defineTool } from "../../define.js";
import { ToolError } from "../../errors.js";
import { plural } from "../format.js";
import { hint } from "../hint.js";
import { resolvePipeline, type Pipeline } from "./resolve.js";

const Input = z.object({
  pipeline: z
    .string()
    .trim()
    .min(1)
    .meta(hint({ description: "the pipeline to delete (name or id)", extract: "name", cues: ["delete", "remove", "drop", "pipeline"] })),
});

interface Plan {
  pipeline: Pipeline;
  runs: number;
  webhooks: string[];
}

/** What deleting would do; a pipeline with a build still going is refused (cancel it first). */
async function plan(input: z.infer<typeof Input>, ctx: ToolContext): Promise<Plan> {
  const pipeline = await resolvePipeline(ctx.store, input.pipeline);
  const runs = await ctx.store.find("PipelineRun", { pipeline_id: pipeline.id });
  const going = runs.find((r) => r.status === "running" || r.status === "queued");
  if (going) {
    throw new ToolError("CONFLICT", `Build #${going.number} of ${pipeline.name} is ${going.status}; cancel it or let it finish before deleting the pipeline`, { field: "pipeline" });
  }
  const webhooks = (await ctx.store.find("Webhook", { pipeline_id: pipeline.id, active: true })).map((w) => w.id);
  return { pipeline, runs: runs.length, webhooks };
}

export const deletePipeline = defineTool({
  name: "delete_pipeline",
  title: "Delete a pipeline",
  description:
    "Delete a CI/CD pipeline's configuration (by name or id) for good. Its past runs stay as history; webhooks limited to it are turned off. Refused while a build of it is running. Waits for approval.",
  domain: "cicd",
  input: Input,
  output: z.object({ id: z.string(), name: z.string(), runs_kept: z.number().int(), webhooks_disabled: z.array(z.string()) }),
  effect: "destructive",
  roles: ["admin"],
  reads: ["PipelineConfig", "PipelineRun", "Webhook"],
  writes: ["PipelineConfig", "Webhook"],
  examples: [
    "Delete pipeline legacy-pipeline",
    "Remove the docs-pipeline pipeline",
    "Delete the pipeline pl_old",
    "Drop pipeline worker-pipeline, we no longer use it",
    "Get rid of the mobile-pipeline configuration",
  ],
  keywords: ["delete pipeline", "remove pipeline", "drop pipeline", "decommission"],
  pipelineOf: async (input, ctx) => (await resolvePipeline(ctx.store, input.pipeline)).id,
  prepare: async (input, ctx) => {
    const p = await plan(input, ctx);
    const hooks = p.webhooks.length ? `; ${plural(p.webhooks.length, "webhook")} limited to it will be turned off` : "";
    return `Delete pipeline ${p.pipeline.name} (${p.pipeline.id}); its ${plural(p.runs, "past run")} stay as history${hooks}`;
  },
  run: async (input, ctx) => {
    const p = await plan(input, ctx);
    for (const id of p.webhooks) await ctx.store.update("Webhook", id, { active: false, disabled_reason: `pipeline ${p.pipeline.name} was deleted` });
    if (!(await ctx.store.delete("PipelineConfig", p.pipeline.id))) throw new ToolError("NOT_FOUND", `Pipeline ${p.pipeline.name} is already gone`);
    return { id: p.pipeline.id, name: p.pipeline.name, runs_kept: p.runs, webhooks_disabled: p.webhooks };
  },
  reply: (o) =>
    `Deleted pipeline ${o.name} (${o.id}); ${plural(o.runs_kept, "past run")} kept as history.${o.webhooks_disabled.length ? ` Turned off ${plural(o.webhooks_disabled.length, "webhook")}: ${o.webhooks_disabled.join(", ")}.` : ""}`,
});
