import type { PipelineStepConfig, RunStep } from "../../../entities/catalog/cicd.js";
import type { Clock } from "../../../entities/clock.js";
import type { Cipher } from "../../../entities/crypto.js";
import type { Db } from "../../../entities/db.js";
import type { IdGenerator } from "../../../entities/ids.js";
import type { Entities } from "../../../entities/index.js";
import { Store } from "../../../entities/store.js";
import type { PlatformEvents } from "../../services.js";
import { recordQualityChecks } from "../analysis/quality-checks.js";
import { formatDuration } from "../format.js";
import { stepFooter, stepHeader } from "../runs/log-sections.js";
import { plannedSteps } from "../runs/plan.js";
import { emitRunEvent, emitRunFinished } from "../runs/run-events.js";
import { BoundedLog } from "./bounded-log.js";
import { createMasker, maskAll } from "./masker.js";
import type { RunnerOptions } from "./options.js";
import { runCommand, type CommandOutcome } from "./run-command.js";
import { cacheDirOf, prepareRunDirs, RunSetupError, type RunDirs } from "./run-dirs.js";
import { secretsForRun } from "./run-secrets.js";
import { stepEnvironment } from "./step-env.js";

type Run = Entities["PipelineRun"];
type Pipeline = Entities["PipelineConfig"];
type Environment = Entities["Environment"];

export interface RunnerDeps {
  db: Db;
  cipher: Cipher;
  clock: Clock;
  ids: IdGenerator;
  events: PlatformEvents;
}

/** Why the runner itself stops a run: a person cancelled it, or the server is shutting down. */
export type StopReason = "cancelled" | "shutdown";

export interface RunJob {
  workspaceId: string;
  runId: string;
  runnerId: string;
  signal: AbortSignal;
  options: RunnerOptions;
  /** Real time in ms (heartbeats); the business clock may be frozen. */
  now: () => number;
}

interface StepResult {
  status: "success" | "failed" | "cancelled";
  durationSeconds: number;
  exitCode: number | null;
  reason: string | null;
}

function describeOutcome(step: string, outcome: CommandOutcome, timeoutSeconds: number): { status: StepResult["status"]; reason: string | null; footer: string; exitCode: number | null } {
  switch (outcome.kind) {
    case "exited":
      return outcome.exitCode === 0
        ? { status: "success", reason: null, footer: "succeeded", exitCode: 0 }
        : { status: "failed", reason: `step ${step} failed with exit code ${outcome.exitCode}`, footer: `failed (exit code ${outcome.exitCode})`, exitCode: outcome.exitCode };
    case "signalled":
      return { status: "failed", reason: `step ${step} was killed by ${outcome.signal}`, footer: `killed by ${outcome.signal}`, exitCode: null };
    case "timed_out":
      return { status: "failed", reason: `step ${step} timed out after ${formatDuration(timeoutSeconds)} and was stopped`, footer: `timed out after ${formatDuration(timeoutSeconds)}`, exitCode: null };
    case "aborted":
      return { status: "cancelled", reason: null, footer: "stopped", exitCode: null };
    case "spawn_failed":
      return { status: "failed", reason: `step ${step} could not start: ${outcome.message}`, footer: `could not start (${outcome.message})`, exitCode: null };
  }
}

/**
 * One run, from claim to finish: the steps run in order as real processes, output masked and
 * captured, the row kept up to date (steps, log, heartbeat), the first failure skipping the
 * rest, then the final status, quality checks and events.
 */
class RunExecution {
  private readonly log: BoundedLog;
  private readonly steps: RunStep[];
  private readonly plan: PipelineStepConfig[];
  private readonly stop = new AbortController();
  private readonly started = performance.now();
  private secrets: string[] = [];
  private env: Record<string, string> = {};
  private dirty = true;
  private lastBeat = 0;
  private externallyEnded = false;

  constructor(
    private readonly deps: RunnerDeps,
    private readonly store: Store,
    private run: Run,
    private readonly pipeline: Pipeline,
    private readonly environment: Environment | null,
    private readonly job: RunJob,
  ) {
    this.log = new BoundedLog(job.options.maxLogChars);
    this.plan = plannedSteps(pipeline);
    this.steps = this.plan.map((s) => ({ name: s.name, status: "pending", duration_seconds: null }));
    const forward = () => this.stop.abort(job.signal.reason);
    if (job.signal.aborted) forward();
    else job.signal.addEventListener("abort", forward, { once: true });
  }

  private write(text: string): void {
    this.log.append(maskAll(text, this.secrets));
    this.dirty = true;
  }

  private elapsed(): number {
    return Math.round(((performance.now() - this.started) / 1000) * 1000) / 1000;
  }

  /** Writes the log, steps and heartbeat while the run is still running; notices a cancel made elsewhere. */
  private async flush(force = false): Promise<void> {
    const now = this.job.now();
    if (!force && !this.dirty && now - this.lastBeat < this.job.options.leaseMs / 4) return;
    this.dirty = false;
    this.lastBeat = now;
    const updated = await this.store.update(
      "PipelineRun",
      this.run.id,
      { steps: this.steps, logs: this.log.toString(), heartbeat_at: new Date(now).toISOString() },
      { status: "running", runner_id: this.job.runnerId },
    );
    if (!updated) {
      this.externallyEnded = true;
      this.stop.abort("cancelled" satisfies StopReason);
    }
  }

  async execute(): Promise<void> {
    emitRunEvent(this.deps.events, "run.started", this.run, this.eventContext());
    let dirs: RunDirs | undefined;
    let failure: string | null = null;
    const timer = setInterval(() => void this.flush().catch(() => undefined), this.job.options.flushMs);
    try {
      dirs = await this.prepare();
      for (const [i, step] of this.plan.entries()) {
        if (this.stop.signal.aborted) break;
        const result = await this.runStep(i, step, dirs);
        if (result.status !== "success") {
          failure = result.reason;
          break;
        }
      }
    } catch (e) {
      failure = e instanceof RunSetupError ? `the run could not start: ${e.message}` : `the runner failed: ${e instanceof Error ? e.message : String(e)}`;
      this.write(`[flashfusion] ${failure}\n`);
    } finally {
      clearInterval(timer);
      await dirs?.cleanup().catch(() => undefined);
    }
    await this.finish(failure);
  }

  private async prepare(): Promise<RunDirs> {
    const now = this.deps.clock.now();
    const { values, notes } = await secretsForRun(this.store, this.environment?.id ?? null, now);
    this.secrets = values.map((s) => s.value);
    const dirs = await prepareRunDirs(this.pipeline.working_directory);
    const cacheDir = this.pipeline.cache_dependencies ? await cacheDirOf(this.job.options.cacheRoot, this.run.workspace_id, this.pipeline.id) : undefined;
    const built = stepEnvironment({
      run: { pipeline: this.pipeline.name, runId: this.run.id, number: this.run.number, branch: this.run.branch, environment: this.environment?.name ?? null },
      home: dirs.home,
      tmp: dirs.tmp,
      variables: this.environment?.variables ?? {},
      secrets: values,
      cacheDir,
    });
    this.env = built.env;
    this.write(`[flashfusion] build #${this.run.number} of ${this.pipeline.name} on branch ${this.run.branch}${this.environment ? ` for ${this.environment.name}` : ""}\n`);
    if (values.length) this.write(`[flashfusion] secrets provided (values masked): ${values.map((s) => s.name).join(", ")}\n`);
    for (const note of [...notes, ...built.notes]) this.write(`[flashfusion] ${note}\n`);
    if (cacheDir) this.write("[flashfusion] dependency cache: on\n");
    return dirs;
  }

  private async runStep(index: number, step: PipelineStepConfig, dirs: RunDirs): Promise<StepResult> {
    const timeoutSeconds = step.timeout_seconds ?? this.pipeline.step_timeout_seconds ?? this.job.options.defaultStepTimeoutSeconds;
    this.steps[index] = { name: step.name, status: "running", duration_seconds: null };
    this.write(stepHeader(step.name, step.command));
    await this.flush(true);
    const shards = step.shards ?? 1;
    const outcomes = await Promise.all(
      Array.from({ length: shards }, (_, k) => this.runShard(step, dirs, timeoutSeconds, shards > 1 ? { index: k + 1, total: shards } : undefined)),
    );
    for (const o of outcomes) if (o.output !== undefined) this.write(o.output);
    const described = outcomes.map((o) => ({ ...describeOutcome(step.name, o.outcome, timeoutSeconds), shard: o.shard }));
    const worst = described.find((d) => d.status === "failed") ?? described.find((d) => d.status === "cancelled") ?? described[0]!;
    const duration = Math.round(Math.max(...outcomes.map((o) => o.durationSeconds)) * 1000) / 1000;
    const reason = worst.reason && worst.shard ? `${worst.reason} (shard ${worst.shard})` : worst.reason;
    this.steps[index] = {
      name: step.name,
      status: worst.status,
      duration_seconds: duration,
      ...(worst.exitCode !== null ? { exit_code: worst.exitCode } : {}),
      ...(shards > 1 ? { shards } : {}),
    };
    this.write(stepFooter(step.name, `${worst.footer}${worst.shard ? ` in shard ${worst.shard}` : ""} in ${formatDuration(duration)}`));
    for (let later = index + 1; later < this.steps.length && worst.status !== "success"; later++) {
      this.steps[later] = { name: this.plan[later]!.name, status: "skipped", duration_seconds: null };
    }
    await this.flush(true);
    return { status: worst.status, durationSeconds: duration, exitCode: worst.exitCode, reason };
  }

  /**
   * One process of a step. Unsharded output goes to the log as it arrives; a shard's output is
   * kept apart and added whole when the step ends, so shards do not interleave.
   */
  private async runShard(step: PipelineStepConfig, dirs: RunDirs, timeoutSeconds: number, shard?: { index: number; total: number }) {
    const maskers = { stdout: createMasker(this.secrets), stderr: createMasker(this.secrets) };
    const own = shard ? new BoundedLog(Math.floor(this.job.options.maxLogChars / (2 * shard.total))) : undefined;
    const sink = (text: string) => {
      if (!text) return;
      if (own) own.append(text);
      else {
        this.log.append(text);
        this.dirty = true;
      }
    };
    const env = shard
      ? { ...this.env, FLASHFUSION_SHARD: `${shard.index}/${shard.total}`, FLASHFUSION_SHARD_INDEX: String(shard.index), FLASHFUSION_SHARD_TOTAL: String(shard.total) }
      : this.env;
    const result = await runCommand({
      command: step.command,
      cwd: dirs.cwd,
      env,
      timeoutMs: timeoutSeconds * 1000,
      killGraceMs: this.job.options.killGraceMs,
      signal: this.stop.signal,
      onOutput: (stream, text) => sink(maskers[stream].write(text)),
    });
    sink(maskers.stdout.end());
    sink(maskers.stderr.end());
    const output = own ? `--- shard ${shard!.index}/${shard!.total} ---\n${own.toString()}${own.toString().endsWith("\n") ? "" : "\n"}` : undefined;
    return { ...result, output, shard: shard ? `${shard.index}/${shard.total}` : undefined };
  }

  private async finish(failure: string | null): Promise<void> {
    const reason = this.stop.signal.aborted ? (this.stop.signal.reason as StopReason) : undefined;
    const running = this.steps.findIndex((s) => s.status === "running" || s.status === "cancelled");
    const current = running >= 0 ? this.steps[running]!.name : null;
    let status: Run["status"] = failure ? "failed" : "success";
    let failureReason = failure;
    if (reason === "shutdown") {
      status = "failed";
      failureReason = `the server shut down${current ? ` while step ${current} was running` : ""}; trigger the pipeline again`;
    } else if (reason === "cancelled") {
      status = "cancelled";
      failureReason = `cancelled${current ? ` during step ${current}` : ""}`;
    }
    for (const [i, s] of this.steps.entries()) {
      if (s.status === "pending" || (s.status === "running" && i !== running)) this.steps[i] = { ...s, status: "skipped" };
      if (s.status === "running" && i === running) this.steps[i] = { ...s, status: reason === "shutdown" ? "failed" : "cancelled" };
    }
    const patch = {
      status,
      finished_at: this.deps.clock.now().toISOString(),
      duration_seconds: this.elapsed(),
      steps: this.steps,
      logs: this.log.toString(),
      failure_reason: failureReason,
      deployment_url: status === "success" && this.environment?.url ? this.environment.url : null,
      heartbeat_at: new Date(this.job.now()).toISOString(),
    };
    const ended = this.externallyEnded ? undefined : await this.store.update("PipelineRun", this.run.id, patch, { status: "running", runner_id: this.job.runnerId });
    if (ended) {
      this.run = ended;
      await recordQualityChecks(this.store, ended).catch(() => 0);
      emitRunFinished(this.deps.events, ended, this.eventContext());
      return;
    }
    // Ended through the database (cancel_run wrote the status, and its event): add what ran.
    const { status: _s, failure_reason: _r, finished_at: _f, deployment_url: _d, ...rest } = patch;
    const kept = await this.store.update("PipelineRun", this.run.id, rest, { runner_id: this.job.runnerId });
    if (kept) await recordQualityChecks(this.store, kept).catch(() => 0);
  }

  private eventContext() {
    return { pipeline: this.pipeline.name, environment: this.environment?.name ?? null, timestamp: this.deps.clock.now().toISOString() };
  }
}

/** Fails a claimed run before any step ran (its pipeline is gone, or cannot run here). */
async function failClaimed(deps: RunnerDeps, store: Store, run: Run, reason: string, pipelineName: string, job: RunJob): Promise<void> {
  const failed = await store.update(
    "PipelineRun",
    run.id,
    { status: "failed", finished_at: deps.clock.now().toISOString(), duration_seconds: 0, failure_reason: reason, steps: run.steps.map((s) => ({ ...s, status: "skipped" as const })), heartbeat_at: new Date(job.now()).toISOString() },
    { status: "running", runner_id: job.runnerId },
  );
  if (failed) emitRunFinished(deps.events, failed, { pipeline: pipelineName, timestamp: deps.clock.now().toISOString() });
}

/**
 * Claims a queued run (a compare-and-set, so a run executes once however many runners see it)
 * and executes it. A run that is no longer queued is left alone.
 */
export async function executeRun(deps: RunnerDeps, job: RunJob): Promise<void> {
  const store = new Store({ db: deps.db.kysely, cipher: deps.cipher, clock: deps.clock, ids: deps.ids }, job.workspaceId);
  const claimed = await store.update(
    "PipelineRun",
    job.runId,
    { status: "running", started_at: deps.clock.now().toISOString(), runner_id: job.runnerId, heartbeat_at: new Date(job.now()).toISOString() },
    { status: "queued" },
  );
  if (!claimed) return;
  const pipeline = await store.get("PipelineConfig", claimed.pipeline_id);
  if (!pipeline) return failClaimed(deps, store, claimed, "its pipeline was deleted before the run started", claimed.pipeline_id, job);
  if (pipeline.provider !== "local") {
    return failClaimed(deps, store, claimed, `${pipeline.name} is a ${pipeline.provider} pipeline; this installation runs only local pipelines`, pipeline.name, job);
  }
  if (plannedSteps(pipeline).length === 0) return failClaimed(deps, store, claimed, `${pipeline.name} has no steps and no build_command`, pipeline.name, job);
  const environment = claimed.environment_id ? ((await store.get("Environment", claimed.environment_id)) ?? null) : null;
  await new RunExecution(deps, store, claimed, pipeline, environment, job).execute();
}
