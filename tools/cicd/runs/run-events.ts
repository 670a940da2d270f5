import type { Entities } from "../../../entities/index.js";
import type { PlatformEventName, PlatformEvents } from "../../services.js";
import { formatDuration } from "../format.js";

type Run = Entities["PipelineRun"];

/** Publishes a run's platform event (run.started, run.completed, run.failed, deployment.success). */
export function emitRunEvent(
  events: PlatformEvents,
  event: PlatformEventName,
  run: Run,
  context: { pipeline: string; environment?: string | null; timestamp: string },
): void {
  events.emit({
    workspace_id: run.workspace_id,
    event,
    pipeline_id: run.pipeline_id,
    timestamp: context.timestamp,
    data: {
      run_id: run.id,
      number: run.number,
      pipeline: context.pipeline,
      branch: run.branch,
      status: run.status,
      ...(run.duration_seconds !== null ? { duration: formatDuration(run.duration_seconds), duration_seconds: run.duration_seconds } : {}),
      ...(context.environment ? { environment: context.environment } : {}),
      ...(run.deployment_url ? { deployment_url: run.deployment_url } : {}),
      ...(run.failure_reason ? { failure_reason: run.failure_reason } : {}),
    },
  });
}

/** The events that close a run: run.completed or run.failed, and deployment.success for a deployment that succeeded. */
export function emitRunFinished(events: PlatformEvents, run: Run, context: { pipeline: string; environment?: string | null; timestamp: string }): void {
  emitRunEvent(events, run.status === "success" ? "run.completed" : "run.failed", run, context);
  if (run.status === "success" && run.environment_id) emitRunEvent(events, "deployment.success", run, context);
}
