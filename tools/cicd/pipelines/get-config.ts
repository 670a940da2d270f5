import { z } from "zod";
import { defineTool } from "../../define.js";
import { hint } from "../hint.js";
import { ConfigView, configLines, viewConfig } from "./config-view.js";
import { resolvePipeline } from "./resolve.js";

export const getConfig = defineTool({
  name: "get_config",
  title: "Show a pipeline's configuration",
  description: "Show one pipeline's configuration (by name or id): provider, repository, branch, steps or build command, quality gates, target environment, working directory.",
  domain: "cicd",
  input: z.object({
    pipeline: z
      .string()
      .trim()
      .min(1)
      .meta(hint({ description: "the pipeline (name or id)", extract: "name", cues: ["configuration of", "config of", "settings of", "for pipeline"] })),
  }),
  output: z.object({ success: z.literal(true), config: ConfigView }),
  effect: "read",
  idempotent: true,
  permission: "read_config",
  reads: ["PipelineConfig", "Environment"],
  examples: [
    "Show webapp-pipeline's configuration",
    "Get the config of api-pipeline",
    "What steps does docs-pipeline have?",
    "Describe pipeline pl_web",
    "What is the build command of lib-pipeline?",
  ],
  keywords: ["config", "configuration", "settings", "steps", "build command", "show pipeline", "describe", "details"],
  pipelineOf: async (input, ctx) => (await resolvePipeline(ctx.store, input.pipeline)).id,
  run: async (input, ctx) => ({ success: true as const, config: await viewConfig(ctx.store, await resolvePipeline(ctx.store, input.pipeline)) }),
  reply: (o) => configLines(o.config).join("\n"),
});
