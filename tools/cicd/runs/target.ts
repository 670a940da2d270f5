import type { Store } from "../../../entities/store.js";
import { ToolError } from "../../errors.js";
import { resolveEnvironment, resolvePipeline, type Environment, type Pipeline } from "../pipelines/resolve.js";
import { plannedSteps } from "./plan.js";

export interface TriggerRef {
  pipeline?: string;
  pipeline_id?: string;
  environment?: string;
  branch?: string;
}

export interface Target {
  pipeline: Pipeline;
  /** Where the run deploys: the one asked for, else the pipeline's own, else none. */
  environment: Environment | null;
  branch: string;
}

/** Git allows more, but these are the branch names a command line and a log can carry safely. */
const BRANCH = /^(?!-)(?!.*\.\.)[A-Za-z0-9._\/-]{1,255}$/;

/** "release/1.2 to staging" → "release/1.2": a branch name has no spaces; what follows is another argument. */
export function branchOf(text: string | undefined, fallback: string): string {
  // "to develop", "= develop": words that lead up to the name are not part of it.
  const said = text?.trim().replace(/^(?:to|=|:|is)\s+/i, "").split(/\s+/)[0]?.replace(/^["'`]+|["'`.,;:!?]+$/g, "");
  if (!said) return fallback;
  if (!BRANCH.test(said) || said.endsWith("/") || said.endsWith(".lock")) {
    throw new ToolError("VALIDATION", `"${said}" is not a branch name (letters, digits, . _ / - ; no spaces or "..")`, { field: "branch" });
  }
  return said;
}

async function allNames(store: Store): Promise<string[]> {
  return (await store.find("PipelineConfig", {}, { orderBy: "name" })).map((p) => p.name);
}

/**
 * What a trigger means: the pipeline named (by name or id), or the one pipeline that deploys to
 * the environment named ("Trigger deployment to staging"); several such pipelines, or none named
 * at all, is a question back.
 */
export async function resolveTarget(store: Store, ref: TriggerRef): Promise<Target> {
  const environment = ref.environment ? await resolveEnvironment(store, ref.environment) : null;
  const named = ref.pipeline ?? ref.pipeline_id;
  let pipeline: Pipeline;
  if (named) {
    pipeline = await resolvePipeline(store, named, ref.pipeline ? "pipeline" : "pipeline_id");
  } else if (environment) {
    const deploying = await store.find("PipelineConfig", { environment_id: environment.id }, { orderBy: "name" });
    if (deploying.length !== 1) {
      const names = deploying.length ? deploying.map((p) => p.name) : await allNames(store);
      const message = deploying.length
        ? `${deploying.length} pipelines deploy to ${environment.name}: ${names.join(", ")}. Which one should run?`
        : `No pipeline deploys to ${environment.name} yet. Which pipeline should run there?${names.length ? ` There are: ${names.join(", ")}.` : ""}`;
      throw new ToolError("VALIDATION", message, { field: "pipeline", allowed: names, ask: true });
    }
    pipeline = deploying[0]!;
  } else {
    const names = await allNames(store);
    if (!names.length) throw new ToolError("NOT_FOUND", "There are no pipelines in this workspace yet; create one first");
    throw new ToolError("VALIDATION", `Which pipeline should I run? There are: ${names.join(", ")}.`, { field: "pipeline", allowed: names, ask: true });
  }
  const own = pipeline.environment_id ? ((await store.get("Environment", pipeline.environment_id)) ?? null) : null;
  return { pipeline, environment: environment ?? own, branch: branchOf(ref.branch, pipeline.branch) };
}

/** Refuses what cannot run here before anything is written or asked: no steps. */
export function checkRunnable(pipeline: Pipeline): void {
  if (plannedSteps(pipeline).length === 0) {
    throw new ToolError("VALIDATION", `${pipeline.name} has no steps and no build_command, so there is nothing to run; add steps with update_pipeline first`, {
      field: "pipeline",
    });
  }
}
