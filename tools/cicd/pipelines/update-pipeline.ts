import { z } from "zod";
import type { Entities } from "../../../entities/index.js";
import { defineTool } from "../../define.js";
import { ToolError } from "../../errors.js";
import { hint } from "../hint.js";
import { branchOf } from "../runs/target.js";
import { ConfigView, configLines, viewConfig } from "./config-view.js";
import { configFields, firstToken } from "./fields.js";
import { guardLocalCommands } from "./local-commands.js";
import { resolveEnvironment, resolvePipeline } from "./resolve.js";
import { commandText, parseSteps, StepsInput } from "./steps-input.js";

type Patch = { -readonly [K in keyof Entities["PipelineConfig"]]?: Entities["PipelineConfig"][K] };
const NONE = /^(?:none|nothing|no environment|no directory)$/i;

export const updatePipeline = defineTool({
  name: "update_pipeline",
  title: "Change a pipeline",
  description:
    "Change a pipeline's configuration (by name or id): rename it, or set its branch, steps, build command, target environment (or none), working directory, step timeout, provider, repository or dependency caching. Only admins may change the commands of a local pipeline.",
  domain: "cicd",
  input: z.object({
    pipeline: z.string().trim().min(1).meta(hint({ description: "the pipeline to change (name or id)", extract: "name", cues: ["for pipeline", "of pipeline"] })),
    rename_to: z.string().trim().min(1).max(100).optional().meta(hint({ description: "a new name for the pipeline", extract: "name", cues: ["rename to", "renamed to", "new name"] })),
    steps: StepsInput,
    dependency_cache: z
      .enum(["enabled", "disabled"])
      .optional()
      .meta(
        hint({
          description: "keep package caches between local builds: enabled or disabled",
          extract: "enum",
          cues: ["dependency cache", "caching"],
          aliases: { "cache on": "enabled", "caching on": "enabled", "enable caching": "enabled", "enable the cache": "enabled", "enable the dependency cache": "enabled", "cache off": "disabled", "caching off": "disabled", "disable caching": "disabled", "disable the cache": "disabled", "disable the dependency cache": "disabled" },
        }),
      ),
    ...configFields,
  }),
  output: z.object({ success: z.literal(true), config: ConfigView, changed: z.array(z.string()) }),
  effect: "write",
  reads: ["Environment"],
  writes: ["PipelineConfig"],
  examples: [
    "Change webapp-pipeline's branch to develop",
    "Set the build command of lib-pipeline to `npm run build:prod`",
    "Update api-pipeline steps: install: npm ci; test: npm test -- --coverage",
    "Set the target environment of docs-pipeline to staging",
    "Set the step timeout of worker-pipeline to 900",
    "Rename old-pipeline to legacy-pipeline",
    "Enable the dependency cache for api-pipeline",
  ],
  keywords: ["update", "change", "edit", "modify", "set", "rename", "configure"],
  run: async (input, ctx) => {
    const pipeline = await resolvePipeline(ctx.store, input.pipeline);
    const patch: Patch = {};
    if (input.rename_to && input.rename_to !== pipeline.name) {
      const taken = await ctx.store.findOne("PipelineConfig", { name: input.rename_to });
      if (taken) throw new ToolError("CONFLICT", `A pipeline named ${input.rename_to} already exists`, { field: "rename_to" });
      patch.name = input.rename_to;
    }
    if (input.provider) patch.provider = input.provider;
    if (input.repository_name) patch.repository_name = firstToken(input.repository_name) ?? null;
    if (input.project_type) patch.project_type = input.project_type;
    if (input.branch) patch.branch = branchOf(input.branch, pipeline.branch);
    const steps = parseSteps(input.steps);
    if (steps) patch.steps = steps;
    const build = commandText(input.build_command);
    if (build) patch.build_command = build;
    if (input.environment) patch.environment_id = NONE.test(input.environment) ? null : (await resolveEnvironment(ctx.store, input.environment)).id;
    if (input.working_directory) patch.working_directory = NONE.test(input.working_directory) ? null : (firstToken(input.working_directory) ?? null);
    if (input.step_timeout_seconds) patch.step_timeout_seconds = input.step_timeout_seconds;
    if (input.dependency_cache) patch.cache_dependencies = input.dependency_cache === "enabled";
    const changed = Object.keys(patch).filter((k) => JSON.stringify(patch[k as keyof Patch]) !== JSON.stringify(pipeline[k as keyof Patch]));
    if (!changed.length) throw new ToolError("VALIDATION", `Nothing to change in ${pipeline.name}: say what to set (branch, steps, build command, environment…)`, { field: "pipeline" });
    const provider = patch.provider ?? pipeline.provider;
    if (provider !== "local" && (patch.working_directory ?? pipeline.working_directory)) {
      throw new ToolError("VALIDATION", "A working directory applies only to local pipelines", { field: "working_directory" });
    }
    // A pipeline that becomes local brings its commands onto this server: that is setting them.
    const becomesLocal = provider === "local" && pipeline.provider !== "local";
    await guardLocalCommands(
      ctx,
      pipeline.id,
      {
        provider,
        ...(patch.steps || becomesLocal ? { steps: patch.steps ?? pipeline.steps } : {}),
        ...(patch.build_command || becomesLocal ? { build_command: patch.build_command ?? pipeline.build_command } : {}),
        ...(patch.working_directory !== undefined ? { working_directory: patch.working_directory } : {}),
      },
      "update_pipeline",
    );
    const updated = await ctx.store.update("PipelineConfig", pipeline.id, patch);
    if (!updated) throw new ToolError("NOT_FOUND", `Pipeline ${pipeline.name} not found`);
    return { success: true as const, config: await viewConfig(ctx.store, updated), changed };
  },
  reply: (o) => [`Updated ${o.config.name} (${o.changed.join(", ")}).`, ...configLines(o.config).slice(1)].join("\n"),
});
