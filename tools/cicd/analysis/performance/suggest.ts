import type { PipelineStepConfig } from "../../../../entities/catalog/cicd.js";
import type { Entities } from "../../../../entities/index.js";
import type { PipelineProfile, StepProfile } from "./profile.js";
import { shardedCommand } from "./shard-command.js";
import { round1 } from "./stats.js";

export const OPTIMIZATION_TYPES = ["cache_dependencies", "parallelize_tests", "fail_fast_order", "investigate_bottleneck"] as const;
export type OptimizationType = (typeof OPTIMIZATION_TYPES)[number];

export interface Suggestion {
  optimization_type: OptimizationType;
  description: string;
  projected_metrics: Record<string, unknown>;
  /** What applying it changes in the pipeline's configuration ({} for advice). */
  changes: Record<string, unknown>;
}

const INSTALL = /\b(?:install|deps|dependencies|bootstrap|setup)\b|\b(?:npm\s+(?:ci|i|install)|yarn(?:\s+install)?|pnpm\s+(?:i|install)|pip\s+install|bundle\s+install)\b/i;
const TEST = /\b(?:tests?|specs?|e2e|unit|integration|vitest|jest|mocha|playwright|cypress)\b/i;
const CHECK = /\b(?:lint|eslint|typecheck|type-check|tsc|format|prettier|check|audit)\b/i;

/** Dependency caching is assumed to save this share of an install step (a warm cache still verifies and links). */
const CACHE_SAVES = 0.6;
/** Each extra shard pays start-up and collection again. */
const SHARD_OVERHEAD = 1.15;
const MAX_SHARDS = 4;

type Pipeline = Entities["PipelineConfig"];

function seconds(x: number) {
  return round1(x);
}

function metrics(profile: PipelineProfile, step: StepProfile, projectedStep: number): Record<string, unknown> {
  const saving = step.avg_seconds - projectedStep;
  return {
    step: step.name,
    current_step_seconds: seconds(step.avg_seconds),
    projected_step_seconds: seconds(projectedStep),
    current_avg_seconds: seconds(profile.total.avg_seconds),
    projected_avg_seconds: seconds(Math.max(0, profile.total.avg_seconds - saving)),
    saving_seconds: seconds(saving),
    saving_percent: profile.total.avg_seconds > 0 ? seconds((saving / profile.total.avg_seconds) * 100) : 0,
    based_on_runs: profile.runs,
  };
}

const configured = (pipeline: Pipeline, name: string) => pipeline.steps.find((s) => s.name === name);
const looksLike = (pattern: RegExp, step: StepProfile, config?: PipelineStepConfig) => pattern.test(step.name) || (config ? pattern.test(config.command) : false);

function cacheDependencies(profile: PipelineProfile, pipeline: Pipeline): Suggestion | undefined {
  if (pipeline.cache_dependencies) return undefined;
  const step = profile.steps.filter((s) => looksLike(INSTALL, s, configured(pipeline, s.name))).sort((a, b) => b.share - a.share)[0];
  if (!step || step.share < 0.2) return undefined;
  const m = metrics(profile, step, step.avg_seconds * (1 - CACHE_SAVES));
  return {
    optimization_type: "cache_dependencies",
    description: `Cache dependencies between runs: ${step.name} takes ${Math.round(step.share * 100)}% of a run (${step.avg_seconds}s on average). A kept package cache (npm, yarn, pnpm, pip) should cut it by about ${CACHE_SAVES * 100}%.`,
    projected_metrics: { ...m, assumption: `a warm package cache saves about ${CACHE_SAVES * 100}% of the install time` },
    changes: { cache_dependencies: true },
  };
}

function parallelizeTests(profile: PipelineProfile, pipeline: Pipeline): Suggestion | undefined {
  const step = profile.steps.filter((s) => looksLike(TEST, s, configured(pipeline, s.name))).sort((a, b) => b.share - a.share)[0];
  if (!step || step.share < 0.3) return undefined;
  const config = configured(pipeline, step.name);
  if (config?.shards) return undefined;
  const next = Math.max(30, ...profile.steps.filter((s) => s.name !== step.name).map((s) => s.avg_seconds));
  const shards = Math.min(MAX_SHARDS, Math.max(2, Math.ceil(step.avg_seconds / next)));
  const projected = (step.avg_seconds / shards) * SHARD_OVERHEAD;
  const command = config ? shardedCommand(config.command) : undefined;
  return {
    optimization_type: "parallelize_tests",
    description: `Shard the ${step.name} step across ${shards} parallel processes: it is the bottleneck at ${Math.round(step.share * 100)}% of a run (${step.avg_seconds}s on average, p95 ${step.p95_seconds}s).${config && !command ? ` Its command must read FLASHFUSION_SHARD (k/${shards}) to split the suite before this can be applied.` : ""}`,
    projected_metrics: { ...metrics(profile, step, projected), shards, assumption: `each shard adds about ${Math.round((SHARD_OVERHEAD - 1) * 100)}% start-up overhead` },
    changes: { step: step.name, shards, ...(command ? { command } : {}) },
  };
}

function failFastOrder(profile: PipelineProfile, pipeline: Pipeline): Suggestion | undefined {
  const names = pipeline.steps.map((s) => s.name);
  if (names.length < 2 || !names.every((n) => profile.steps.some((s) => s.name === n))) return undefined;
  const avg = (n: string) => profile.steps.find((s) => s.name === n)!.avg_seconds;
  const isCheck = (n: string) => CHECK.test(n) || CHECK.test(configured(pipeline, n)!.command);
  const isInstall = (n: string) => INSTALL.test(n) || INSTALL.test(configured(pipeline, n)!.command);
  const late = names.find((n, i) => isCheck(n) && names.slice(0, i).some((m) => !isInstall(m) && !isCheck(m) && avg(m) >= Math.max(30, 3 * avg(n))));
  if (!late) return undefined;
  const installs = names.filter(isInstall);
  const checks = names.filter((n) => isCheck(n) && !isInstall(n));
  const order = [...installs, ...checks, ...names.filter((n) => !isInstall(n) && !isCheck(n))];
  const before = (list: string[]) => list.slice(0, list.indexOf(late)).reduce((a, n) => a + avg(n), 0);
  return {
    optimization_type: "fail_fast_order",
    description: `Run ${checks.join(", ")} before the slower steps: a ${late} failure is found after ${seconds(before(names))}s today, after ${seconds(before(order))}s in the order ${order.join(" → ")}.`,
    projected_metrics: {
      step: late,
      time_to_failure_seconds: seconds(before(names)),
      projected_time_to_failure_seconds: seconds(before(order)),
      saving_on_failure_seconds: seconds(before(names) - before(order)),
      based_on_runs: profile.runs,
    },
    changes: { step_order: order },
  };
}

function investigate(profile: PipelineProfile, found: readonly Suggestion[]): Suggestion | undefined {
  const step = profile.steps.find((s) => s.name === profile.bottleneck);
  if (!step || step.share < 0.5 || found.some((s) => s.projected_metrics.step === step.name)) return undefined;
  const variable = step.p95_seconds > 1.5 * step.p50_seconds;
  return {
    optimization_type: "investigate_bottleneck",
    description: `${step.name} takes ${Math.round(step.share * 100)}% of every run (${step.avg_seconds}s on average${variable ? `, and varies: p50 ${step.p50_seconds}s, p95 ${step.p95_seconds}s` : ""}). Profile what it does; splitting it or caching its output is where time can be won.`,
    projected_metrics: { step: step.name, current_step_seconds: step.avg_seconds, share_percent: seconds(step.share * 100), based_on_runs: profile.runs },
    changes: {},
  };
}

/** What would make the pipeline faster, from its profile, largest saving first. */
export function suggestOptimizations(profile: PipelineProfile, pipeline: Pipeline): Suggestion[] {
  const found = [cacheDependencies(profile, pipeline), parallelizeTests(profile, pipeline), failFastOrder(profile, pipeline)].filter((s): s is Suggestion => s !== undefined);
  const advice = investigate(profile, found);
  const saving = (s: Suggestion) => Number(s.projected_metrics.saving_seconds ?? 0);
  return [...found.sort((a, b) => saving(b) - saving(a)), ...(advice ? [advice] : [])];
}
