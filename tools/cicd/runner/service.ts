import type { Entities } from "../../../entities/index.js";

export type Provider = Entities["PipelineConfig"]["provider"];

/** Whether runs of a pipeline can execute in this installation, and if not, why (said to the person). */
export type RunnerAvailability = { ok: true } | { ok: false; reason: string };

/**
 * What tools see of the pipeline runner (`ctx.services.runner`): runs are rows first (the tools
 * write them), and the runner executes a committed `queued` run in the background.
 */
export interface PipelineRunner {
  availability(provider: Provider): RunnerAvailability;
  /**
   * Executes a queued run once its row is committed (call it from `ctx.afterCommit`); resolves
   * when the run has finished, or at once when another runner took it or it was cancelled.
   */
  start(workspaceId: string, runId: string): Promise<void>;
  /** Stops a run this process is executing (its step's process tree is killed); false when it runs nowhere here. */
  cancel(workspaceId: string, runId: string): boolean;
}

declare module "../../services.js" {
  interface Services {
    runner: PipelineRunner;
  }
}
