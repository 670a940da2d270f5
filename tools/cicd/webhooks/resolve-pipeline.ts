import { z } from "zod";
import type { Entities } from "../../../entities/index.js";
import type { Store } from "../../../entities/store.js";
import { ToolError } from "../../errors.js";
import { hint } from "./hint.js";
import { pickOne } from "./pick.js";

export type Pipeline = Entities["PipelineConfig"];

/** A pipeline by id (pl_…) or name ("webapp-pipeline", "webapp"). */
export async function resolvePipeline(store: Store, ref: string, field = "pipeline"): Promise<Pipeline> {
  return pickOne(await store.find("PipelineConfig", {}, { orderBy: "name" }), ref, {
    what: "pipeline",
    field,
    id: (p) => p.id,
    labels: (p) => [p.name],
  });
}

/**
 * The input fields that name a pipeline: `pipeline` (a name, or an id) and `pipeline_id` (an id
 * such as pl_web, as the seed's API calls it), so either way of saying it is understood.
 */
export function pipelineFields(description: string, cues: readonly string[]) {
  return {
    pipeline: z
      .string()
      .trim()
      .min(1)
      .optional()
      .meta(hint({ description: `${description} (name or id)`, extract: "name", cues })),
    pipeline_id: z
      .string()
      .trim()
      .min(1)
      .optional()
      .meta(hint({ description: `${description}, by id (pl_…)`, extract: "id", prefix: "pl", cues })),
  };
}

/** The pipeline the input names, if any; a name and an id that disagree are a question back. */
export async function pipelineOf(store: Store, input: { pipeline?: string; pipeline_id?: string }): Promise<Pipeline | null> {
  const byName = input.pipeline ? await resolvePipeline(store, input.pipeline, "pipeline") : null;
  const byId = input.pipeline_id ? await resolvePipeline(store, input.pipeline_id, "pipeline_id") : null;
  if (byName && byId && byName.id !== byId.id) {
    throw new ToolError("VALIDATION", `"${input.pipeline}" is ${byName.name} (${byName.id}) but the id given is ${byId.id} (${byId.name}); which pipeline?`, {
      field: "pipeline",
      allowed: [byName.name, byId.name],
      ask: true,
    });
  }
  return byName ?? byId;
}
