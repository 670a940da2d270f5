import { z } from "zod";
import { defineTool } from "../../define.js";
import { hint } from "../hint.js";
import { statusPhrase } from "../runs/run-view.js";

const Item = z.object({
  id: z.string(),
  name: z.string(),
  provider: z.enum(["github", "gitlab", "local"]),
  branch: z.string(),
  environment: z.string().nullable(),
  steps: z.number().int(),
  last_build: z
    .object({ number: z.number().int(), status: z.enum(["queued", "running", "success", "failed", "cancelled"]), duration_seconds: z.number().nullable() })
    .nullable(),
});

export const listPipelines = defineTool({
  name: "list_pipelines",
  title: "List pipelines",
  description: "List the workspace's CI/CD pipelines with their provider, branch, target environment and latest build's status.",
  domain: "cicd",
  input: z.object({
    provider: z
      .enum(["github", "gitlab", "local"])
      .optional()
      .meta(hint({ description: "only pipelines of this provider", extract: "enum", cues: ["on", "provider"], aliases: { locally: "local", "github actions": "github" } })),
  }),
  output: z.object({ pipelines: z.array(Item) }),
  effect: "read",
  idempotent: true,
  permission: "read_config",
  reads: ["PipelineConfig", "PipelineRun", "Environment"],
  examples: ["List pipelines", "Show all our CI/CD pipelines", "Which pipelines do we have?", "List the local pipelines", "Give me an overview of the pipelines"],
  keywords: ["pipelines", "list", "all", "which", "overview"],
  run: async (input, ctx) => {
    const pipelines = await ctx.store.find("PipelineConfig", input.provider ? { provider: input.provider } : {}, { orderBy: "name" });
    const environments = new Map((await ctx.store.find("Environment")).map((e) => [e.id, e.name]));
    const items = [];
    for (const p of pipelines) {
      const last = await ctx.store.findOne("PipelineRun", { pipeline_id: p.id }, { orderBy: "number", direction: "desc" });
      items.push({
        id: p.id,
        name: p.name,
        provider: p.provider,
        branch: p.branch,
        environment: p.environment_id ? (environments.get(p.environment_id) ?? p.environment_id) : null,
        steps: p.steps.length || (p.build_command ? 1 : 0),
        last_build: last ? { number: last.number, status: last.status, duration_seconds: last.duration_seconds } : null,
      });
    }
    return { pipelines: items };
  },
  reply: (o) => {
    if (!o.pipelines.length) return "There are no pipelines yet.";
    return [
      `Pipelines (${o.pipelines.length}):`,
      ...o.pipelines.map(
        (p) =>
          `- ${p.name} (${p.provider}, branch ${p.branch}${p.environment ? `, deploys to ${p.environment}` : ""}): ${p.last_build ? `last build #${p.last_build.number} ${statusPhrase(p.last_build)}` : "no builds yet"}`,
      ),
    ].join("\n");
  },
});
