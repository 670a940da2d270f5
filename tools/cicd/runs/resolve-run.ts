import { z } from "zod";
import type { Entities } from "../../../entities/index.js";
import type { Store } from "../../../entities/store.js";
import { ToolError } from "../../errors.js";
import { hint } from "../hint.js";
import { resolvePipeline } from "../pipelines/resolve.js";
import { RUN_SUMMARY_FIELDS, type RunSummary } from "./run-view.js";

type Run = Entities["PipelineRun"];

/** The input fields that point at a run: a build number ("#57", "build 57", "run 88"), a run id, a pipeline. */
export function runFields(purpose: string) {
  return {
    build_number: z
      .number()
      .int()
      .positive()
      .optional()
      .meta(hint({ description: `the build number ${purpose} (#57)`, extract: "ref_number", cues: ["build", "#", "number", "job"] })),
    run_id: z
      .string()
      .trim()
      .min(1)
      .optional()
      .meta(hint({ description: `the run's id ${purpose} (run_…)`, extract: "id", prefix: "run", cues: ["id", "run id"] })),
    pipeline: z
      .string()
      .trim()
      .min(1)
      .optional()
      .meta(hint({ description: "the pipeline (name or id), when a build number alone is ambiguous or to mean its latest build", extract: "name", cues: ["of", "for", "on", "in"] })),
  };
}

export interface RunRef {
  build_number?: number;
  run_id?: string;
  pipeline?: string;
}

const label = (n: number) => `Build #${n}`;

interface Latest {
  filter: (r: RunSummary) => boolean;
  describe: string;
  needsPipeline: boolean;
}

/**
 * The run a person means: by id, by build number (within the pipeline if one is named), or the
 * latest run that `latest` accepts, of the pipeline named (or, unless `needsPipeline`, of any
 * pipeline). A build number found in several pipelines is a question back. Without its logs
 * unless `logs` is asked for.
 */
export async function resolveRun(store: Store, ref: RunRef, latest: Latest, options: { logs: true }): Promise<Run>;
export async function resolveRun(store: Store, ref: RunRef, latest: Latest): Promise<RunSummary>;
export async function resolveRun(store: Store, ref: RunRef, latest: Latest, options: { logs?: boolean } = {}): Promise<RunSummary> {
  const only = options.logs ? {} : { fields: RUN_SUMMARY_FIELDS };
  if (ref.run_id) {
    const run = await store.get("PipelineRun", ref.run_id, only as never);
    if (run) return run;
    if (!ref.build_number) throw new ToolError("NOT_FOUND", `Run ${ref.run_id} not found`, { field: "run_id" });
  }
  const pipeline = ref.pipeline ? await resolvePipeline(store, ref.pipeline) : undefined;
  if (ref.build_number) {
    const runs: RunSummary[] = await store.find("PipelineRun", { number: ref.build_number, ...(pipeline ? { pipeline_id: pipeline.id } : {}) }, only as never);
    if (runs.length === 1) return runs[0]!;
    if (runs.length === 0) {
      throw new ToolError("NOT_FOUND", `${label(ref.build_number)} not found${pipeline ? ` in ${pipeline.name}` : ""}`, { field: "build_number" });
    }
    const names = (await store.find("PipelineConfig", {}, { orderBy: "name" })).filter((p) => runs.some((r) => r.pipeline_id === p.id)).map((p) => p.name);
    throw new ToolError("VALIDATION", `${label(ref.build_number)} exists in ${names.join(" and ")}. Which pipeline?`, { field: "pipeline", allowed: names, ask: true });
  }
  if (!pipeline && latest.needsPipeline) {
    throw new ToolError("VALIDATION", "Which build? Say its number (#57) or its pipeline.", { field: "build_number", ask: true });
  }
  const runs: RunSummary[] = await store.find("PipelineRun", pipeline ? { pipeline_id: pipeline.id } : {}, { orderBy: "number", direction: "desc", ...only } as never);
  const ordered = [...runs].sort((a, b) => (b.started_at ?? b.created_at).localeCompare(a.started_at ?? a.created_at) || b.number - a.number);
  const found = ordered.find(latest.filter);
  if (!found) throw new ToolError("NOT_FOUND", `No ${latest.describe} build${pipeline ? ` of ${pipeline.name}` : ""} found`, { field: "build_number" });
  return found;
}

/** The next build number of a pipeline (1 for its first run). */
export async function nextBuildNumber(store: Store, pipelineId: string): Promise<number> {
  const last = await store.findOne("PipelineRun", { pipeline_id: pipelineId }, { orderBy: "number", direction: "desc" });
  return (last?.number ?? 0) + 1;
}
