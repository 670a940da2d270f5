import { z } from "zod";
import { defineTool } from "../../define.js";
import { formatDuration, secondsBetween } from "../format.js";
import { resolveRun, runFields } from "./resolve-run.js";
import { buildLabel, RunView, statusPhrase, stepLines, viewRuns } from "./run-view.js";

const LATEST = { filter: () => true, describe: "", needsPipeline: true };

export const getStatus = defineTool({
  name: "get_status",
  title: "Get a build's status",
  description:
    "The status of a pipeline build by its number (#57) or run id, or the latest build of a pipeline: success, failed, running or queued, its duration, its steps and the deployment URL (the REST API's get-status answer).",
  domain: "cicd",
  input: z.object(runFields("to look at")),
  output: z.object({
    success: z.literal(true),
    run: RunView,
    /** For a build still going: how long it has been running. */
    elapsed_seconds: z.number().nullable(),
  }),
  effect: "read",
  idempotent: true,
  permission: "read_runs",
  reads: ["PipelineRun", "PipelineConfig", "Environment"],
  examples: [
    "What's the status of build #212?",
    "Status of build 733",
    "Is build #305 finished yet?",
    "Has the latest build of api-pipeline passed?",
    "How is the latest build of webapp-pipeline doing?",
    "Show me run_8f2k status",
    "And #412?",
  ],
  keywords: ["status", "state", "progress", "done", "finished", "passed", "green", "result", "deployment url", "preview"],
  pipelineOf: async (input, ctx) => (await resolveRun(ctx.store, input, LATEST)).pipeline_id,
  run: async (input, ctx) => {
    const run = await resolveRun(ctx.store, input, LATEST);
    const [view] = await viewRuns(ctx.store, [run]);
    const active = run.status === "running" || run.status === "queued";
    return { success: true as const, run: view!, elapsed_seconds: active ? secondsBetween(run.started_at ?? run.created_at, ctx.clock.now()) : null };
  },
  reply: ({ run, elapsed_seconds }) => {
    const head = `${buildLabel(run).replace(/^b/, "B")} (branch ${run.branch}${run.environment ? `, deploying to ${run.environment}` : ""}): ${statusPhrase(run)}`;
    const lines = [run.status === "running" && elapsed_seconds !== null ? `${head}, for ${formatDuration(elapsed_seconds)} so far — not finished yet.` : `${head}.`];
    if (run.deployment_url) lines.push(`Deployment: ${run.deployment_url}`);
    if (run.failure_reason) lines.push(`Reason: ${run.failure_reason}.`);
    if (run.steps.length) lines.push("Steps:", ...stepLines(run.steps));
    if (run.status === "failed") lines.push(`Ask "Why did build #${run.number} fail?" for the root cause.`);
    return lines.join("\n");
  },
});
