import { z } from "zod";
import { defineEntity } from "../define.js";
import { f } from "../fields.js";

const obj = () => z.record(z.string(), z.unknown());

export const PipelineStepConfig = z.object({
  name: z.string().min(1),
  command: z.string().min(1),
  timeout_seconds: z.number().positive().optional(),
  /** Run the command this many times at once, each with FLASHFUSION_SHARD=k/N (test sharding). */
  shards: z.number().int().min(2).max(16).optional(),
});
export type PipelineStepConfig = z.infer<typeof PipelineStepConfig>;

export const PipelineConfig = defineEntity({
  name: "PipelineConfig",
  table: "pipeline_configs",
  prefix: "pl",
  fields: {
    name: f.text(),
    provider: f.enum(["github", "gitlab", "local"], "local"),
    project_type: f.textOrNull(),
    repository_name: f.textOrNull(),
    branch: f.text("main"),
    triggers: f.json(obj(), () => ({})),
    build_command: f.textOrNull(),
    steps: f.json(z.array(PipelineStepConfig), () => []),
    quality_gates: f.json(obj(), () => ({})),
    environment_id: f.textOrNull(),
    working_directory: f.textOrNull(),
    step_timeout_seconds: f.intOrNull(),
    created_by: f.textOrNull(),
    /** Keep package-manager caches between local runs (npm, yarn, pnpm, pip): a directory per pipeline. */
    cache_dependencies: f.bool(false),
  },
  unique: [["name"]],
});

export const RunStep = z
  .object({
    name: z.string(),
    status: z.enum(["pending", "running", "success", "failed", "skipped", "cancelled"]),
    duration_seconds: z.number().nullable().optional(),
  })
  .passthrough();
export type RunStep = z.infer<typeof RunStep>;

export const PipelineRun = defineEntity({
  name: "PipelineRun",
  table: "pipeline_runs",
  prefix: "run",
  fields: {
    pipeline_id: f.text(),
    number: f.int(),
    status: f.enum(["queued", "running", "success", "failed", "cancelled"], "queued"),
    branch: f.text("main"),
    trigger: f.text("manual"),
    started_at: f.timeOrNull(),
    finished_at: f.timeOrNull(),
    duration_seconds: f.realOrNull(),
    steps: f.json(z.array(RunStep), () => []),
    logs: f.text(""),
    deployment_url: f.textOrNull(),
    environment_id: f.textOrNull(),
    failure_reason: f.textOrNull(),
    triggered_by: f.textOrNull(),
    /** The runner instance executing the run (host:pid:token), so a restart can tell a crash-left run. */
    runner_id: f.textOrNull(),
    /** Real time of the runner's last sign of life for this run (not the business clock). */
    heartbeat_at: f.timeOrNull(),
  },
  unique: [["pipeline_id", "number"]],
  indexes: [["status"], ["number"], ["pipeline_id", "started_at"]],
});

export const Environment = defineEntity({
  name: "Environment",
  table: "environments",
  prefix: "env",
  fields: {
    name: f.text(),
    type: f.enum(["development", "staging", "production"], "development"),
    variables: f.json(z.record(z.string(), z.string()), () => ({})),
    protection_enabled: f.bool(false),
    url: f.textOrNull(),
  },
  unique: [["name"]],
});

export const PipelineOptimization = defineEntity({
  name: "PipelineOptimization",
  table: "pipeline_optimizations",
  prefix: "opt",
  fields: {
    pipeline_id: f.text(),
    optimization_type: f.text(),
    description: f.text(""),
    projected_metrics: f.json(obj(), () => ({})),
    changes: f.json(obj(), () => ({})),
    status: f.enum(["suggested", "applied", "dismissed"], "suggested"),
    applied_at: f.timeOrNull(),
  },
  indexes: [["pipeline_id"]],
});

export const QualityCheck = defineEntity({
  name: "QualityCheck",
  table: "quality_checks",
  prefix: "qc",
  fields: {
    pipeline_id: f.text(),
    run_id: f.textOrNull(),
    tool: f.text(),
    score: f.realOrNull(),
    issues: f.json(z.array(z.unknown()), () => []),
    passed: f.bool(true),
  },
  indexes: [["run_id"]],
});
