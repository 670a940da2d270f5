import type { BackgroundWork } from "../../services.js";
import { executeRun, type RunnerDeps, type StopReason } from "./execute-run.js";
import { DISABLED_REASON, type RunnerOptions } from "./options.js";
import { failOrphanedRuns, queuedRuns } from "./recover.js";
import { newRunnerId } from "./runner-id.js";
import { Semaphore } from "./semaphore.js";
import type { PipelineRunner, Provider, RunnerAvailability } from "./service.js";
import { Store } from "../../../entities/store.js";

export interface LocalRunner extends PipelineRunner {
  readonly id: string;
  /** At start: fails runs a crashed runner left running, starts runs left queued, and keeps watching. */
  recover(): Promise<{ failed: number; resumed: number }>;
  /** Stops every run in progress (they end failed: the server shut down) and the watch timer. */
  stop(): Promise<void>;
}

export interface LocalRunnerDeps extends RunnerDeps {
  background: BackgroundWork;
}

/**
 * The local pipeline runner: executes runs of `local` pipelines as real processes on this
 * machine, at most `concurrency` at once (the others wait `queued`, in order).
 */
export function createLocalRunner(deps: LocalRunnerDeps, options: RunnerOptions, now: () => number = Date.now): LocalRunner {
  const id = newRunnerId();
  const slots = new Semaphore(options.concurrency);
  const active = new Map<string, { controller: AbortController; done: Promise<void> }>();
  let watch: NodeJS.Timeout | undefined;
  const keyOf = (workspaceId: string, runId: string) => `${workspaceId}/${runId}`;

  async function failDisabled(workspaceId: string, runId: string): Promise<void> {
    const store = new Store({ db: deps.db.kysely, cipher: deps.cipher, clock: deps.clock, ids: deps.ids }, workspaceId);
    const run = await store.get("PipelineRun", runId);
    if (!run) return;
    await store.update(
      "PipelineRun",
      runId,
      { status: "failed", finished_at: deps.clock.now().toISOString(), duration_seconds: 0, failure_reason: DISABLED_REASON, steps: run.steps.map((s) => ({ ...s, status: "skipped" as const })) },
      { status: "queued" },
    );
  }

  async function start(workspaceId: string, runId: string): Promise<void> {
    if (!options.enabled) return failDisabled(workspaceId, runId);
    const key = keyOf(workspaceId, runId);
    if (active.has(key)) return active.get(key)!.done;
    const controller = new AbortController();
    const done = (async () => {
      let release: (() => void) | undefined;
      try {
        release = await slots.acquire(controller.signal);
        await executeRun(deps, { workspaceId, runId, runnerId: id, signal: controller.signal, options, now });
      } catch (e) {
        if (!controller.signal.aborted) throw e;
      } finally {
        release?.();
        active.delete(key);
      }
    })();
    active.set(key, { controller, done });
    return done;
  }

  const sweep = () => failOrphanedRuns(deps, id, now(), options.leaseMs);

  return {
    id,
    availability(provider: Provider): RunnerAvailability {
      if (provider !== "local") {
        return { ok: false, reason: `this installation runs only local pipelines; it has no connection to ${provider === "github" ? "GitHub" : "GitLab"}` };
      }
      return options.enabled ? { ok: true } : { ok: false, reason: DISABLED_REASON };
    },
    start,
    cancel(workspaceId, runId) {
      const entry = active.get(keyOf(workspaceId, runId));
      if (!entry) return false;
      entry.controller.abort("cancelled" satisfies StopReason);
      return true;
    },
    async recover() {
      const failed = await sweep();
      const queued = await queuedRuns(deps);
      for (const q of queued) deps.background.track("pipeline-run:resumed", start(q.workspaceId, q.runId));
      // Runs of another host that stopped heart-beating are failed once their lease runs out.
      watch = setInterval(() => void sweep().catch(() => undefined), options.leaseMs);
      watch.unref();
      return { failed, resumed: queued.length };
    },
    async stop() {
      clearInterval(watch);
      const running = [...active.values()];
      for (const entry of running) entry.controller.abort("shutdown" satisfies StopReason);
      await Promise.allSettled(running.map((e) => e.done));
    },
  };
}
