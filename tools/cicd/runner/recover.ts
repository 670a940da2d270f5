import { PipelineRun } from "../../../entities/catalog/cicd.js";
import type { RunStep } from "../../../entities/catalog/cicd.js";
import { Store } from "../../../entities/store.js";
import { emitRunFinished } from "../runs/run-events.js";
import type { RunnerDeps } from "./execute-run.js";
import { runnerGone } from "./runner-id.js";

export const CRASH_REASON =
  "the server running this build stopped before the build finished (crash or restart); FlashFusion marked it failed when it started again — trigger the pipeline again";

interface Orphan {
  id: string;
  workspace_id: string;
  runner_id: string;
  heartbeat_at: string | null;
}

/**
 * Fails the runs a crashed runner left `running`, with a clear reason; their interrupted step
 * is failed and the steps after it skipped. Runs without a runner id were not started by a
 * runner (imported rows) and are left alone. Answers how many were failed.
 */
export async function failOrphanedRuns(deps: RunnerDeps, own: string, nowMs: number, leaseMs: number): Promise<number> {
  const rows = (await deps.db.kysely
    .selectFrom(PipelineRun.table)
    .select(["id", "workspace_id", "runner_id", "heartbeat_at"])
    .where("status", "=", "running")
    .where("runner_id", "is not", null)
    .execute()) as Orphan[];
  let failed = 0;
  for (const row of rows) {
    if (!runnerGone(row.runner_id, row.heartbeat_at, own, nowMs, leaseMs)) continue;
    const store = new Store({ db: deps.db.kysely, cipher: deps.cipher, clock: deps.clock, ids: deps.ids }, row.workspace_id);
    const run = await store.get("PipelineRun", row.id);
    if (!run) continue;
    let interrupted = false;
    const steps: RunStep[] = run.steps.map((s) => {
      if (s.status === "running") {
        interrupted = true;
        return { ...s, status: "failed" };
      }
      return s.status === "pending" ? { ...s, status: "skipped" } : s;
    });
    const current = run.steps.find((s) => s.status === "running")?.name;
    const ended = await store.update(
      "PipelineRun",
      run.id,
      {
        status: "failed",
        finished_at: deps.clock.now().toISOString(),
        failure_reason: current && interrupted ? `${CRASH_REASON} (step ${current} was running)` : CRASH_REASON,
        steps,
        logs: `${run.logs}${run.logs.endsWith("\n") || !run.logs ? "" : "\n"}[flashfusion] ${CRASH_REASON}\n`,
      },
      { status: "running", runner_id: row.runner_id },
    );
    if (!ended) continue;
    failed++;
    const pipeline = await store.get("PipelineConfig", run.pipeline_id);
    emitRunFinished(deps.events, ended, { pipeline: pipeline?.name ?? run.pipeline_id, timestamp: deps.clock.now().toISOString() });
  }
  return failed;
}

/** Runs still `queued` (their process ended before starting them), to be started again. */
export async function queuedRuns(deps: RunnerDeps): Promise<{ workspaceId: string; runId: string }[]> {
  const rows = await deps.db.kysely
    .selectFrom(PipelineRun.table)
    .select(["id", "workspace_id"])
    .where("status", "=", "queued")
    .orderBy("created_at")
    .execute();
  return rows.map((r) => ({ workspaceId: String(r.workspace_id), runId: String(r.id) }));
}
