import { z } from "zod";
import { defineTool } from "../../define.js";
import { ToolError } from "../../errors.js";
import { hint } from "../hint.js";
import { branchOf } from "../runs/target.js";
import { ConfigView, configLines, viewConfig } from "./config-view.js";
import { configFields, firstToken } from "./fields.js";
import { guardLocalCommands } from "./local-commands.js";
import { resolveEnvironment } from "./resolve.js";
import { commandText, parseSteps, StepsInput } from "./steps-input.js";

export const createPipeline = defineTool({
  name: "create_pipeline",
  title: "Create a pipeline",
  description:
    "Create a CI/CD pipeline configuration: its name, provider (local, github, gitlab), repository, default branch, steps or build command, target environment and, for local pipelines, the working directory. Only admins may set the commands of a local pipeline.",
  domain: "cicd",
  input: z.object({
    name: z.string().trim().min(1).max(100).meta(hint({ description: "the new pipeline's name", extract: "name", cues: ["called", "named"] })),
    steps: StepsInput,
    ...configFields,
  }),
  output: z.object({ success: z.literal(true), config: ConfigView }),
  effect: "write",
  reads: ["Environment"],
  writes: ["PipelineConfig"],
  examples: [
    "Create a pipeline called lib-pipeline with build command `npm run build`",
    "Create pipeline api-pipeline with steps: install: npm ci; test: npm test; build: npm run build",
    "Add a github pipeline named webapp-pipeline for repo acme/webapp on branch main",
    "New local pipeline docs-pipeline with target environment staging and build command `npm run docs`",
    "Set up a gitlab pipeline called mobile-pipeline for repository acme/mobile",
  ],
  keywords: ["create pipeline", "new pipeline", "add pipeline", "set up pipeline", "configure", "pipeline"],
  run: async (input, ctx) => {
    if (await ctx.store.findOne("PipelineConfig", { name: input.name })) {
      throw new ToolError("CONFLICT", `A pipeline named ${input.name} already exists; change it with update_pipeline`, { field: "name" });
    }
    const provider = input.provider ?? "local";
    const steps = parseSteps(input.steps) ?? [];
    const build_command = commandText(input.build_command) ?? null;
    const working_directory = firstToken(input.working_directory) ?? null;
    if (provider !== "local" && working_directory) {
      throw new ToolError("VALIDATION", "A working directory applies only to local pipelines", { field: "working_directory" });
    }
    const environment = input.environment && !/^none$/i.test(input.environment) ? await resolveEnvironment(ctx.store, input.environment) : null;
    const pipeline = await ctx.store.insert("PipelineConfig", {
      name: input.name,
      provider,
      project_type: input.project_type ?? null,
      repository_name: firstToken(input.repository_name) ?? null,
      branch: branchOf(input.branch, "main"),
      build_command,
      steps,
      environment_id: environment?.id ?? null,
      working_directory,
      step_timeout_seconds: input.step_timeout_seconds ?? null,
      created_by: ctx.actor.id,
    });
    await guardLocalCommands(
      ctx,
      pipeline.id,
      { provider, ...(steps.length ? { steps } : {}), ...(build_command ? { build_command } : {}), ...(working_directory ? { working_directory } : {}) },
      "create_pipeline",
    );
    return { success: true as const, config: await viewConfig(ctx.store, pipeline) };
  },
  reply: (o) => [`Created pipeline ${o.config.name}.`, ...configLines(o.config).slice(1)].join("\n"),
});
