import { z } from "zod";
import type { Entities } from "../../../entities/index.js";
import { defineTool } from "../../define.js";
import { formatDuration, percent } from "../format.js";
import { hint } from "../hint.js";
import { resolvePipeline } from "../pipelines/resolve.js";
import { profileRuns, type DurationStats } from "./performance/profile.js";
import { OPTIMIZATION_TYPES, suggestOptimizations } from "./performance/suggest.js";

const Trend = z.object({ direction: z.enum(["slower", "faster", "stable", "unknown"]), change: z.number().nullable() });
const Stats = z.object({
  avg_seconds: z.number(),
  p50_seconds: z.number(),
  p95_seconds: z.number(),
  min_seconds: z.number(),
  max_seconds: z.number(),
  trend: Trend,
});

function trendWords(t: DurationStats["trend"]): string {
  if (t.direction === "unknown" || t.change === null) return "too few runs for a trend";
  if (t.direction === "stable") return "stable";
  return `${t.direction} by ${percent(Math.abs(t.change))}`;
}

export const analyzePerformance = defineTool({
  name: "analyze_performance",
  title: "Analyze a pipeline's performance",
  description:
    "Profile a pipeline's recent builds: average, p50 and p95 duration per step and overall, the trend, and the bottleneck step; records optimization suggestions (cache dependencies, shard slow tests, put quick checks first) with their projected savings.",
  domain: "cicd",
  input: z.object({
    pipeline: z
      .string()
      .trim()
      .min(1)
      .meta(hint({ description: "the pipeline to analyze (name or id)", extract: "name", cues: ["for pipeline", "of pipeline"] })),
    runs: z
      .number()
      .int()
      .min(2)
      .max(200)
      .default(20)
      .meta(hint({ description: "how many recent builds to look at (default 20)", extract: "integer", cues: ["last", "over the last", "recent"] })),
  }),
  output: z.object({
    pipeline_id: z.string(),
    pipeline: z.string(),
    profile: z
      .object({
        runs: z.number().int(),
        successful_only: z.boolean(),
        from: z.string().nullable(),
        to: z.string().nullable(),
        total: Stats,
        steps: z.array(Stats.extend({ name: z.string(), runs: z.number().int(), share: z.number() })),
        bottleneck: z.string().nullable(),
      })
      .nullable(),
    suggestions: z.array(
      z.object({
        id: z.string(),
        optimization_type: z.enum(OPTIMIZATION_TYPES),
        description: z.string(),
        projected_metrics: z.record(z.string(), z.unknown()),
        status: z.enum(["suggested", "applied", "dismissed"]),
      }),
    ),
  }),
  effect: "write",
  permission: "read_runs",
  reads: ["PipelineConfig", "PipelineRun"],
  writes: ["PipelineOptimization"],
  examples: [
    "Analyze webapp-pipeline performance",
    "How do I speed up api-pipeline?",
    "Where does the time go in docs-pipeline builds?",
    "What's the bottleneck in worker-pipeline?",
    "Profile the last 30 builds of mobile-pipeline",
    "Suggest optimizations for webapp-pipeline",
  ],
  keywords: ["performance", "slow", "slower", "faster", "speed", "speed up", "optimize", "optimization", "bottleneck", "duration", "p95", "profile", "how long"],
  run: async (input, ctx) => {
    const pipeline = await resolvePipeline(ctx.store, input.pipeline);
    const profile = profileRuns(await ctx.store.find("PipelineRun", { pipeline_id: pipeline.id }), input.runs);
    const suggestions: Entities["PipelineOptimization"][] = [];
    const created: Entities["PipelineOptimization"][] = [];
    for (const s of profile ? suggestOptimizations(profile, pipeline) : []) {
      // One open suggestion per kind: a new analysis refreshes it rather than piling up copies.
      const open = await ctx.store.findOne("PipelineOptimization", { pipeline_id: pipeline.id, optimization_type: s.optimization_type, status: "suggested" });
      const row = open
        ? (await ctx.store.update("PipelineOptimization", open.id, { description: s.description, projected_metrics: s.projected_metrics, changes: s.changes }))!
        : await ctx.store.insert("PipelineOptimization", { pipeline_id: pipeline.id, ...s, status: "suggested" });
      suggestions.push(row);
      if (!open) created.push(row);
    }
    if (created.length) {
      const timestamp = ctx.clock.now().toISOString();
      ctx.afterCommit(() => {
        for (const row of created) {
          ctx.services.events.emit({
            workspace_id: ctx.workspaceId,
            event: "optimization.available",
            pipeline_id: pipeline.id,
            timestamp,
            data: { optimization_id: row.id, pipeline: pipeline.name, optimization_type: row.optimization_type, description: row.description, projected_metrics: row.projected_metrics },
          });
        }
      });
    }
    return {
      pipeline_id: pipeline.id,
      pipeline: pipeline.name,
      profile,
      suggestions: suggestions.map((r) => ({ id: r.id, optimization_type: r.optimization_type as (typeof OPTIMIZATION_TYPES)[number], description: r.description, projected_metrics: r.projected_metrics, status: r.status })),
    };
  },
  reply: (o) => {
    const p = o.profile;
    if (!p) return `${o.pipeline} has no finished builds with step timings yet, so there is nothing to measure. Run it a few times first.`;
    const bottleneck = p.steps.find((s) => s.name === p.bottleneck);
    const lines = [
      `${o.pipeline} over its last ${p.runs} ${p.successful_only ? "successful " : ""}build${p.runs === 1 ? "" : "s"}: ${formatDuration(p.total.avg_seconds)} on average (p50 ${formatDuration(p.total.p50_seconds)}, p95 ${formatDuration(p.total.p95_seconds)}), ${trendWords(p.total.trend)}.`,
    ];
    if (bottleneck) lines.push(`Bottleneck: the ${bottleneck.name} step, ${formatDuration(bottleneck.avg_seconds)} on average (${percent(bottleneck.share)} of a build).`);
    lines.push("Steps:");
    for (const s of p.steps) {
      lines.push(`- ${s.name}: avg ${formatDuration(s.avg_seconds)}, p50 ${formatDuration(s.p50_seconds)}, p95 ${formatDuration(s.p95_seconds)}, ${percent(s.share)} of a build, ${trendWords(s.trend)}`);
    }
    if (o.suggestions.length) {
      lines.push("Suggestions:");
      for (const s of o.suggestions) {
        const saving = typeof s.projected_metrics.saving_seconds === "number" ? ` (saves about ${formatDuration(s.projected_metrics.saving_seconds)} a build)` : "";
        lines.push(`- ${s.id} ${s.optimization_type}: ${s.description}${saving}`);
      }
      lines.push(`Say "Apply ${o.suggestions[0]!.id}" to apply one.`);
    } else {
      lines.push("No optimization stands out: no step dominates the build.");
    }
    return lines.join("\n");
  },
});
