import { z } from "zod";
import type { PipelineStepConfig } from "../../../entities/catalog/cicd.js";
import type { Entities } from "../../../entities/index.js";
import type { Store } from "../../../entities/store.js";
import { defineTool, type ToolContext } from "../../define.js";
import { ToolError } from "../../errors.js";
import { hint } from "../hint.js";
import { resolvePipeline } from "../pipelines/resolve.js";
import { OPTIMIZATION_TYPES, type OptimizationType } from "./performance/suggest.js";

type Pipeline = Entities["PipelineConfig"];
type Optimization = Entities["PipelineOptimization"];

interface Applied {
  patch: Partial<Pick<Pipeline, "cache_dependencies" | "steps">>;
  before: Record<string, unknown>;
  after: Record<string, unknown>;
  /** Whether the change writes a command that the pipeline runs. */
  commands: boolean;
}

function needStep(pipeline: Pipeline, name: string): PipelineStepConfig {
  const step = pipeline.steps.find((s) => s.name === name);
  if (!step) {
    throw new ToolError("VALIDATION", `${pipeline.name}'s configuration has no step named ${name} (its builds report one, but it is not configured); add the step with update_pipeline first`, {
      field: "optimization",
    });
  }
  return step;
}

/** The configuration change an optimization stands for, checked against the pipeline as it is now. */
function planChange(pipeline: Pipeline, opt: Optimization): Applied {
  const type = opt.optimization_type as OptimizationType;
  const changes = opt.changes as Record<string, unknown>;
  switch (type) {
    case "cache_dependencies":
      return { patch: { cache_dependencies: true }, before: { cache_dependencies: pipeline.cache_dependencies }, after: { cache_dependencies: true }, commands: false };
    case "parallelize_tests": {
      const name = String(changes.step ?? "");
      const step = needStep(pipeline, name);
      const command = typeof changes.command === "string" ? changes.command : undefined;
      if (!command) {
        throw new ToolError("VALIDATION", `The ${name} step's command (${step.command}) does not take a shard; make it run only shard $FLASHFUSION_SHARD (k/N) of the suite, then apply again`, {
          field: "optimization",
        });
      }
      const shards = Number(changes.shards);
      const steps = pipeline.steps.map((s) => (s.name === name ? { ...s, command, shards } : s));
      return { patch: { steps }, before: { step: name, command: step.command, shards: step.shards ?? 1 }, after: { step: name, command, shards }, commands: true };
    }
    case "fail_fast_order": {
      const order = Array.isArray(changes.step_order) ? changes.step_order.map(String) : [];
      const current = pipeline.steps.map((s) => s.name);
      if (order.length !== current.length || !order.every((n) => current.includes(n))) {
        throw new ToolError("CONFLICT", `${pipeline.name}'s steps changed since this was suggested (now ${current.join(" → ")}); analyze its performance again`, { field: "optimization" });
      }
      const steps = order.map((n) => pipeline.steps.find((s) => s.name === n)!);
      return { patch: { steps }, before: { step_order: current }, after: { step_order: order }, commands: false };
    }
    case "investigate_bottleneck":
      throw new ToolError("VALIDATION", `${opt.id} is advice (${opt.description}); there is no configuration change to apply`, { field: "optimization" });
    default:
      throw new ToolError("VALIDATION", `${opt.id} is a ${opt.optimization_type} suggestion, which cannot be applied automatically`, { field: "optimization" });
  }
}

async function findOptimization(store: Store, input: { optimization?: string; pipeline?: string; type?: OptimizationType }): Promise<Optimization> {
  if (input.optimization) {
    const row = await store.get("PipelineOptimization", input.optimization);
    if (!row) throw new ToolError("NOT_FOUND", `Optimization ${input.optimization} not found`, { field: "optimization" });
    return row;
  }
  if (!input.pipeline) {
    throw new ToolError("VALIDATION", "Which optimization? Say its id (opt_…), or the pipeline and the kind (caching, sharding tests).", { field: "optimization", ask: true });
  }
  const pipeline = await resolvePipeline(store, input.pipeline);
  const open = (await store.find("PipelineOptimization", { pipeline_id: pipeline.id, status: "suggested" })).filter((o) => !input.type || o.optimization_type === input.type);
  if (open.length === 1) return open[0]!;
  if (!open.length) {
    throw new ToolError("NOT_FOUND", `No ${input.type ? `${input.type} ` : ""}suggestion is open for ${pipeline.name}; analyze its performance first`, { field: "optimization" });
  }
  throw new ToolError("VALIDATION", `${pipeline.name} has ${open.length} open suggestions: ${open.map((o) => `${o.id} (${o.optimization_type})`).join(", ")}. Which one?`, {
    field: "optimization",
    allowed: open.map((o) => o.id),
    ask: true,
  });
}

async function apply(input: { optimization?: string; pipeline?: string; type?: OptimizationType }, ctx: ToolContext) {
  const opt = await findOptimization(ctx.store, input);
  if (opt.status !== "suggested") throw new ToolError("CONFLICT", `${opt.id} was already ${opt.status}${opt.applied_at ? ` on ${opt.applied_at.slice(0, 10)}` : ""}`, { field: "optimization" });
  const pipeline = await ctx.store.require("PipelineConfig", opt.pipeline_id);
  const change = planChange(pipeline, opt);
  if (change.commands && pipeline.provider === "local" && ctx.actor.role !== "admin") {
    throw new ToolError("FORBIDDEN", `Applying ${opt.id} changes the commands ${pipeline.name} runs on this server, which only admins may do`);
  }
  const updated = await ctx.store.update("PipelineConfig", pipeline.id, change.patch, { updated_at: pipeline.updated_at });
  if (!updated) throw new ToolError("CONFLICT", `${pipeline.name} changed while the optimization was being applied; try again`);
  const now = ctx.clock.now().toISOString();
  const row = await ctx.store.update("PipelineOptimization", opt.id, { status: "applied", applied_at: now, changes: { ...(opt.changes as Record<string, unknown>), applied: { before: change.before, after: change.after } } }, { status: "suggested" });
  if (!row) throw new ToolError("CONFLICT", `${opt.id} was applied or dismissed meanwhile`);
  await ctx.audit({ event_type: "pipeline_config", action: "apply_optimization", entity_type: "PipelineConfig", entity_id: pipeline.id, details: { optimization_id: opt.id, before: change.before, after: change.after } });
  return { id: row.id, pipeline: pipeline.name, optimization_type: row.optimization_type, before: change.before, after: change.after, projected_metrics: row.projected_metrics };
}

export const applyOptimization = defineTool({
  name: "apply_optimization",
  title: "Apply an optimization",
  description:
    "Apply a suggested pipeline optimization (by its id, or the pipeline and the kind): turns on dependency caching, shards a test step, or reorders steps to fail fast; the change to the configuration is recorded.",
  domain: "cicd",
  input: z.object({
    optimization: z.string().trim().min(1).optional().meta(hint({ description: "the suggestion's id (opt_…)", extract: "id", prefix: "opt", cues: ["apply", "optimization", "suggestion"] })),
    pipeline: z.string().trim().min(1).optional().meta(hint({ description: "the pipeline whose suggestion to apply (name or id)", extract: "name", cues: ["to", "on", "for", "of"] })),
    type: z
      .enum(OPTIMIZATION_TYPES)
      .optional()
      .meta(
        hint({
          description: "the kind of suggestion when the pipeline has several",
          extract: "enum",
          cues: ["the", "apply"],
          aliases: { caching: "cache_dependencies", cache: "cache_dependencies", sharding: "parallelize_tests", shard: "parallelize_tests", parallel: "parallelize_tests", "parallel tests": "parallelize_tests", reorder: "fail_fast_order", "fail fast": "fail_fast_order" },
        }),
      ),
  }),
  output: z.object({
    id: z.string(),
    pipeline: z.string(),
    optimization_type: z.string(),
    before: z.record(z.string(), z.unknown()),
    after: z.record(z.string(), z.unknown()),
    projected_metrics: z.record(z.string(), z.unknown()),
  }),
  effect: "write",
  reads: ["PipelineConfig"],
  writes: ["PipelineOptimization", "PipelineConfig"],
  examples: [
    "Apply optimization opt_7k2m9x",
    "Apply the caching suggestion to webapp-pipeline",
    "Turn on dependency caching for api-pipeline as suggested",
    "Apply the test sharding optimization on worker-pipeline",
    "Apply the suggested optimization for docs-pipeline",
  ],
  keywords: ["apply", "optimization", "suggestion", "enable caching", "shard", "reorder", "accept"],
  run: apply,
  reply: (o) => {
    const show = (x: Record<string, unknown>) => Object.entries(x).map(([k, v]) => `${k}: ${Array.isArray(v) ? v.join(" → ") : String(v)}`).join(", ");
    const saving = typeof o.projected_metrics.saving_seconds === "number" ? ` Projected saving: about ${o.projected_metrics.saving_seconds}s a build.` : "";
    return `Applied ${o.id} (${o.optimization_type}) to ${o.pipeline}: ${show(o.before)} → ${show(o.after)}.${saving}`;
  },
});
