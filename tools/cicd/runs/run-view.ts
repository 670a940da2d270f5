import { z } from "zod";
import { PipelineRun } from "../../../entities/catalog/cicd.js";
import type { Entities } from "../../../entities/index.js";
import type { FieldName, Store } from "../../../entities/store.js";
import { formatDuration, formatTime } from "../format.js";

type Run = Entities["PipelineRun"];

/** A run without its logs (which grow with every step): what status views read. */
export type RunSummary = Omit<Run, "logs">;
export const RUN_SUMMARY_FIELDS = Object.keys(PipelineRun.fields).filter((f) => f !== "logs") as Exclude<FieldName<"PipelineRun">, "logs">[];

export const RUN_STATUSES = ["queued", "running", "success", "failed", "cancelled"] as const;
export const RunStatus = z.enum(RUN_STATUSES);

export const StepView = z.object({
  name: z.string(),
  status: z.enum(["pending", "running", "success", "failed", "skipped", "cancelled"]),
  duration_seconds: z.number().nullable(),
});

/** A run as the tools answer it (the seed's get-status `run`, with what people ask next). */
export const RunView = z.object({
  id: z.string(),
  number: z.number().int(),
  pipeline_id: z.string(),
  pipeline: z.string(),
  status: RunStatus,
  branch: z.string(),
  trigger: z.string(),
  environment: z.string().nullable(),
  started_at: z.string().nullable(),
  finished_at: z.string().nullable(),
  duration_seconds: z.number().nullable(),
  steps: z.array(StepView),
  deployment_url: z.string().nullable(),
  failure_reason: z.string().nullable(),
});
export type RunView = z.infer<typeof RunView>;

/** Views of runs, with their pipelines' and environments' names. */
export async function viewRuns(store: Store, runs: readonly RunSummary[]): Promise<RunView[]> {
  const names = { fields: ["name"] as "name"[] };
  const pipelines = new Map((await store.findByIds("PipelineConfig", runs.map((r) => r.pipeline_id), names)).map((p) => [p.id, p.name]));
  const envIds = runs.flatMap((r) => (r.environment_id ? [r.environment_id] : []));
  const environments = new Map((await store.findByIds("Environment", envIds, names)).map((e) => [e.id, e.name]));
  return runs.map((r) => ({
    id: r.id,
    number: r.number,
    pipeline_id: r.pipeline_id,
    pipeline: pipelines.get(r.pipeline_id) ?? r.pipeline_id,
    status: r.status,
    branch: r.branch,
    trigger: r.trigger,
    environment: r.environment_id ? (environments.get(r.environment_id) ?? r.environment_id) : null,
    started_at: r.started_at,
    finished_at: r.finished_at,
    duration_seconds: r.duration_seconds,
    steps: r.steps.map((s) => ({ name: s.name, status: s.status, duration_seconds: s.duration_seconds ?? null })),
    deployment_url: r.deployment_url,
    failure_reason: r.failure_reason,
  }));
}

export const buildLabel = (r: Pick<RunView, "number" | "pipeline">) => `build #${r.number} of ${r.pipeline}`;

const STATUS_WORDS: Record<RunView["status"], string> = {
  queued: "queued (waiting for a runner)",
  running: "running",
  success: "success",
  failed: "failed",
  cancelled: "cancelled",
};

/** "success in 2m 30s", "failed after 1m 30s", "running", "queued". */
export function statusPhrase(r: Pick<RunView, "status" | "duration_seconds">): string {
  if (r.status === "success" && r.duration_seconds !== null) return `success in ${formatDuration(r.duration_seconds)}`;
  if ((r.status === "failed" || r.status === "cancelled") && r.duration_seconds !== null) return `${r.status} after ${formatDuration(r.duration_seconds)}`;
  return STATUS_WORDS[r.status];
}

/** The steps one a line: "- test: failed (12s)". */
export function stepLines(steps: RunView["steps"]): string[] {
  return steps.map((s) => `- ${s.name}: ${s.status}${s.duration_seconds !== null ? ` (${formatDuration(s.duration_seconds)})` : ""}`);
}

export function runLine(r: RunView): string {
  const env = r.environment ? ` → ${r.environment}` : "";
  return `- #${r.number} ${r.pipeline} (${r.branch}${env}): ${statusPhrase(r)}${r.started_at ? `, started ${formatTime(r.started_at)}` : ""}`;
}
