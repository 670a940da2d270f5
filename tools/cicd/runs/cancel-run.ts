import { z } from "zod";
import { defineTool } from "../../define.js";
import { ToolError } from "../../errors.js";
import { resolveRun, runFields } from "./resolve-run.js";
import { emitRunFinished } from "./run-events.js";
import { buildLabel, RunView, viewRuns } from "./run-view.js";

const ACTIVE = new Set(["queued", "running"]);

export const cancelRun = defineTool({
  name: "cancel_run",
  title: "Cancel a build",
  description: "Cancel a queued or running pipeline build (by number, run id, or the pipeline's active build): its running step's processes are stopped and the later steps skipped.",
  domain: "cicd",
  input: z.object(runFields("to cancel")),
  output: z.object({ run: RunView, was: z.enum(["queued", "running"]) }),
  effect: "write",
  permission: "trigger_pipeline",
  reads: ["PipelineConfig", "Environment"],
  writes: ["PipelineRun"],
  examples: [
    "Cancel build #61",
    "Stop the running build of webapp-pipeline",
    "Abort run 88",
    "Cancel the queued build of api-pipeline",
    "Kill build 12 of docs-pipeline",
  ],
  keywords: ["cancel", "stop", "abort", "halt", "kill", "terminate"],
  run: async (input, ctx) => {
    const run = await resolveRun(ctx.store, input, { filter: (r) => ACTIVE.has(r.status), describe: "queued or running", needsPipeline: false });
    const [before] = await viewRuns(ctx.store, [run]);
    if (!ACTIVE.has(run.status)) {
      throw new ToolError("CONFLICT", `${buildLabel(before!).replace(/^b/, "B")} has already finished (${run.status}); there is nothing to cancel`, { field: "build_number" });
    }
    const reason = `cancelled by ${ctx.actor.full_name || ctx.actor.email}`;
    const now = ctx.clock.now().toISOString();
    const cancelled = await ctx.store.update(
      "PipelineRun",
      run.id,
      {
        status: "cancelled",
        finished_at: now,
        failure_reason: reason,
        steps: run.steps.map((s) => (s.status === "pending" ? { ...s, status: "skipped" as const } : s.status === "running" ? { ...s, status: "cancelled" as const } : s)),
      },
      { status: run.status },
    );
    if (!cancelled) throw new ToolError("CONFLICT", `${buildLabel(before!)} changed while it was being cancelled; ask again`);
    ctx.afterCommit(() => {
      ctx.services.runner.cancel(ctx.workspaceId, run.id);
      emitRunFinished(ctx.services.events, cancelled, { pipeline: before!.pipeline, environment: before!.environment, timestamp: now });
    });
    const [view] = await viewRuns(ctx.store, [cancelled]);
    return { run: view!, was: run.status as "queued" | "running" };
  },
  reply: ({ run, was }) =>
    `Cancelled ${buildLabel(run)} (it was ${was}${was === "running" ? "; its running step is being stopped" : ""}).`,
});
