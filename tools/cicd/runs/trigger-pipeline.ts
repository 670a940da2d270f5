import { z } from "zod";
import { defineTool } from "../../define.js";
import { ToolError } from "../../errors.js";
import { hint } from "../hint.js";
import { plural } from "../format.js";
import { DISABLED_REASON } from "../runner/options.js";
import { pendingSteps, plannedSteps } from "./plan.js";
import { nextBuildNumber } from "./resolve-run.js";
import { emitRunFinished } from "./run-events.js";
import { checkRunnable, resolveTarget, type Target } from "./target.js";

function describe(t: Target): string {
  const steps = plannedSteps(t.pipeline);
  const where = t.environment ? ` to ${t.environment.name}${t.environment.protection_enabled ? ", a protected environment" : ""}` : "";
  return `deploy ${t.pipeline.name} (branch ${t.branch})${where}: ${plural(steps.length, "step")} (${steps.map((s) => s.name).join(", ")})`;
}

export const triggerPipeline = defineTool({
  name: "trigger_pipeline",
  title: "Trigger a pipeline run",
  description:
    "Start a new build of a CI/CD pipeline (by name or id), optionally on another git branch or as a deployment to a target environment; with only an environment, runs the pipeline that deploys there. A deployment to a protected environment waits for approval. Answers the run id, build number and status (queued or running), as the REST API's trigger-pipeline does.",
  domain: "cicd",
  input: z.object({
    pipeline: z
      .string()
      .trim()
      .min(1)
      .optional()
      .meta(
        hint({
          description: "the pipeline to run (name or id)",
          extract: "name",
          cues: ["trigger", "run", "rerun", "re-run", "deploy", "ship", "release", "start", "kick off", "launch", "execute", "build", "push", "of", "for"],
        }),
      ),
    pipeline_id: z
      .string()
      .trim()
      .min(1)
      .optional()
      .meta(hint({ description: "the pipeline's id (pl_…), as the API calls it", extract: "id", prefix: "pl", cues: ["pipeline id", "id"] })),
    branch: z
      .string()
      .trim()
      .min(1)
      .max(255)
      .optional()
      .meta(hint({ description: "the git branch to build; default the pipeline's own branch", extract: "text", cues: ["on branch", "from branch", "branch"] })),
    environment: z
      .string()
      .trim()
      .min(1)
      .optional()
      .meta(hint({ description: "the environment to deploy to, such as staging or production (name or id); default the pipeline's own", extract: "name", cues: ["to", "into", "onto", "environment", "env"] })),
  }),
  output: z.object({
    success: z.literal(true),
    run_id: z.string(),
    number: z.number().int(),
    status: z.enum(["queued", "running", "failed"]),
    workflow_id: z.string(),
    pipeline_id: z.string(),
    pipeline: z.string(),
    branch: z.string(),
    environment: z.string().nullable(),
    steps: z.array(z.string()),
    failure_reason: z.string().nullable(),
  }),
  effect: "destructive",
  permission: "trigger_pipeline",
  reads: ["PipelineConfig", "Environment"],
  writes: ["PipelineRun"],
  examples: [
    "Trigger deployment to staging",
    "Trigger mobile-pipeline on branch hotfix/login-redirect",
    "Run worker-pipeline",
    "Deploy shop-pipeline to production",
    "Start a build of docs-pipeline from branch feature/search",
    "Rerun mobile-pipeline",
    "Kick off worker-pipeline on the develop branch",
  ],
  keywords: ["trigger", "run", "rerun", "deploy", "deployment", "ship", "release", "start", "kick off", "launch", "new build", "pipeline"],
  needsApproval: async (input, ctx) => {
    try {
      return (await resolveTarget(ctx.store, input)).environment?.protection_enabled === true;
    } catch {
      // run() says what is wrong with the request, and audits it.
      return false;
    }
  },
  pipelineOf: async (input, ctx) => (await resolveTarget(ctx.store, input)).pipeline.id,
  prepare: async (input, ctx) => {
    const target = await resolveTarget(ctx.store, input);
    const available = ctx.services.runner.availability(target.pipeline.provider);
    if (target.pipeline.provider !== "local" && !available.ok) throw new ToolError("CONFLICT", `${target.pipeline.name} cannot run: ${available.reason}`);
    checkRunnable(target.pipeline);
    const text = describe(target);
    return text.charAt(0).toUpperCase() + text.slice(1);
  },
  run: async (input, ctx) => {
    const target = await resolveTarget(ctx.store, input);
    const { pipeline, environment, branch } = target;
    const available = ctx.services.runner.availability(pipeline.provider);
    if (pipeline.provider !== "local" && !available.ok) {
      throw new ToolError("CONFLICT", `${pipeline.name} is a ${pipeline.provider} pipeline and cannot run: ${available.reason}. Nothing was started.`, {
        field: "pipeline",
      });
    }
    checkRunnable(pipeline);
    const steps = plannedSteps(pipeline);
    const number = await nextBuildNumber(ctx.store, pipeline.id);
    const now = ctx.clock.now().toISOString();
    const base = {
      pipeline_id: pipeline.id,
      number,
      branch,
      trigger: ctx.agent ? "chat" : "manual",
      environment_id: environment?.id ?? null,
      triggered_by: ctx.actor.id,
    };
    // With the runner turned off the run is recorded and fails at once, saying why.
    const run = available.ok
      ? await ctx.store.insert("PipelineRun", { ...base, status: "queued", steps: pendingSteps(steps) })
      : await ctx.store.insert("PipelineRun", {
          ...base,
          status: "failed",
          steps: pendingSteps(steps, "skipped"),
          started_at: now,
          finished_at: now,
          duration_seconds: 0,
          failure_reason: available.reason,
        });
    if (available.ok) ctx.afterCommit(() => ctx.services.runner.start(ctx.workspaceId, run.id));
    else ctx.afterCommit(() => emitRunFinished(ctx.services.events, run, { pipeline: pipeline.name, environment: environment?.name ?? null, timestamp: now }));
    return {
      success: true as const,
      run_id: run.id,
      number,
      status: run.status as "queued" | "failed",
      workflow_id: pipeline.id,
      pipeline_id: pipeline.id,
      pipeline: pipeline.name,
      branch,
      environment: environment?.name ?? null,
      steps: steps.map((s) => s.name),
      failure_reason: run.failure_reason,
    };
  },
  reply: (o) => {
    const where = o.environment ? ` to ${o.environment}` : "";
    if (o.status === "failed") return `Build #${o.number} of ${o.pipeline} (branch ${o.branch})${where} was not executed: ${o.failure_reason ?? DISABLED_REASON}.`;
    return [
      `Triggered ${o.pipeline} build #${o.number} on branch ${o.branch}${where}: ${o.status}. Run ${o.run_id}, ${plural(o.steps.length, "step")}: ${o.steps.join(" → ")}.`,
      `Ask "What's the status of build #${o.number}?" to follow it.`,
    ].join("\n");
  },
});
