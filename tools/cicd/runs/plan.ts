import type { PipelineStepConfig, RunStep } from "../../../entities/catalog/cicd.js";
import type { Pipeline } from "../pipelines/resolve.js";

/** The steps a run executes: the pipeline's steps, or else its build_command as one step named build. */
export function plannedSteps(pipeline: Pick<Pipeline, "steps" | "build_command">): PipelineStepConfig[] {
  if (pipeline.steps.length) return pipeline.steps;
  if (pipeline.build_command?.trim()) return [{ name: "build", command: pipeline.build_command }];
  return [];
}

export function pendingSteps(steps: readonly PipelineStepConfig[], status: RunStep["status"] = "pending"): RunStep[] {
  return steps.map((s) => ({ name: s.name, status, duration_seconds: null }));
}
