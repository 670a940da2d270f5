import { tmpdir } from "node:os";
import { join } from "node:path";

export interface RunnerOptions {
  /** FLASHFUSION_LOCAL_RUNNER=off turns local execution off: runs then fail at once with that reason. */
  enabled: boolean;
  /** Runs executing at once in this process; the rest wait `queued` (FLASHFUSION_RUNNER_CONCURRENCY). */
  concurrency: number;
  /** A step's limit when neither the step nor the pipeline sets one (FLASHFUSION_STEP_TIMEOUT_SECONDS). */
  defaultStepTimeoutSeconds: number;
  /** Characters of log kept per run: the beginning and the end, with the middle left out. */
  maxLogChars: number;
  /** After SIGTERM, how long a step's processes get before SIGKILL. */
  killGraceMs: number;
  /** How often a running run's log, steps and heartbeat are written. */
  flushMs: number;
  /** A run whose heartbeat is older than this, on a runner that is gone, is failed (another host's crash). */
  leaseMs: number;
  /** Where pipelines with `cache_dependencies` keep their package caches (FLASHFUSION_CACHE_DIR). */
  cacheRoot: string;
}

const OFF = new Set(["off", "0", "false", "no", "disabled"]);

function positive(text: string | undefined, fallback: number): number {
  const n = Number(text);
  return text !== undefined && Number.isFinite(n) && n > 0 ? n : fallback;
}

export function runnerOptionsFromEnv(env: NodeJS.ProcessEnv = process.env): RunnerOptions {
  return {
    enabled: !OFF.has((env.FLASHFUSION_LOCAL_RUNNER ?? "on").trim().toLowerCase()),
    concurrency: Math.floor(positive(env.FLASHFUSION_RUNNER_CONCURRENCY, 2)),
    defaultStepTimeoutSeconds: positive(env.FLASHFUSION_STEP_TIMEOUT_SECONDS, 15 * 60),
    maxLogChars: 1_000_000,
    killGraceMs: 2_000,
    flushMs: 1_000,
    leaseMs: 60_000,
    cacheRoot: env.FLASHFUSION_CACHE_DIR ?? join(tmpdir(), "flashfusion-cache"),
  };
}

export const DISABLED_REASON =
  "the local runner is turned off on this server (FLASHFUSION_LOCAL_RUNNER=off), so nothing was executed; turn it on and trigger the pipeline again";
