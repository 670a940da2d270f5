import { z } from "zod";
import { defineTool } from "../../define.js";
import { hint } from "../hint.js";
import { resolvePipeline } from "../pipelines/resolve.js";
import { RUN_SUMMARY_FIELDS, RunStatus, RunView, runLine, viewRuns } from "./run-view.js";

export const listRuns = defineTool({
  name: "list_runs",
  title: "List pipeline runs",
  description: "List recent builds (pipeline runs), newest first, optionally of one pipeline or with one status (queued, running, success, failed, cancelled).",
  domain: "cicd",
  input: z.object({
    pipeline: z
      .string()
      .trim()
      .min(1)
      .optional()
      .meta(hint({ description: "only builds of this pipeline (name or id)", extract: "name", cues: ["of", "for", "on"] })),
    status: RunStatus.optional().meta(
      hint({
        description: "only builds with this status",
        extract: "enum",
        cues: ["status", "that", "which"],
        aliases: { failing: "failed", failures: "failed", broken: "failed", red: "failed", green: "success", passed: "success", successful: "success", succeeded: "success", "in progress": "running", active: "running", waiting: "queued" },
      }),
    ),
    limit: z
      .number()
      .int()
      .min(1)
      .max(100)
      .default(10)
      .meta(hint({ description: "how many builds to show (default 10)", extract: "integer", cues: ["last", "latest", "recent", "top"] })),
  }),
  output: z.object({ runs: z.array(RunView), pipeline: z.string().nullable() }),
  effect: "read",
  idempotent: true,
  permission: "read_runs",
  reads: ["PipelineRun", "PipelineConfig", "Environment"],
  examples: [
    "List recent builds",
    "Show the last 5 runs of webapp-pipeline",
    "Which builds failed?",
    "List running builds",
    "Show build history for api-pipeline",
  ],
  keywords: ["runs", "builds", "history", "recent", "list", "latest", "failed builds"],
  pipelineOf: async (input, ctx) => (input.pipeline ? (await resolvePipeline(ctx.store, input.pipeline)).id : undefined),
  run: async (input, ctx) => {
    const pipeline = input.pipeline ? await resolvePipeline(ctx.store, input.pipeline) : null;
    const rows = await ctx.store.find("PipelineRun", { ...(pipeline ? { pipeline_id: pipeline.id } : {}), ...(input.status ? { status: input.status } : {}) }, { fields: RUN_SUMMARY_FIELDS });
    rows.sort((a, b) => (b.started_at ?? b.created_at).localeCompare(a.started_at ?? a.created_at) || b.number - a.number);
    return { runs: await viewRuns(ctx.store, rows.slice(0, input.limit)), pipeline: pipeline?.name ?? null };
  },
  reply: (o, input) => {
    const what = `${input.status ? `${input.status} ` : ""}builds${o.pipeline ? ` of ${o.pipeline}` : ""}`;
    if (!o.runs.length) return `No ${what} yet.`;
    return [`Latest ${what} (${o.runs.length}):`, ...o.runs.map(runLine)].join("\n");
  },
});
