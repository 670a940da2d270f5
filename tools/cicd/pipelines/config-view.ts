import { z } from "zod";
import { PipelineStepConfig } from "../../../entities/catalog/cicd.js";
import type { Store } from "../../../entities/store.js";
import type { Pipeline } from "./resolve.js";

/** A pipeline's configuration as the seed's get-config answers it, with the local runner's fields. */
export const ConfigView = z.object({
  id: z.string(),
  name: z.string(),
  provider: z.enum(["github", "gitlab", "local"]),
  project_type: z.string().nullable(),
  repository_name: z.string().nullable(),
  branch: z.string(),
  triggers: z.record(z.string(), z.unknown()),
  build_command: z.string().nullable(),
  steps: z.array(PipelineStepConfig),
  quality_gates: z.record(z.string(), z.unknown()),
  environment_id: z.string().nullable(),
  environment: z.string().nullable(),
  working_directory: z.string().nullable(),
  step_timeout_seconds: z.number().int().nullable(),
  cache_dependencies: z.boolean(),
});
export type ConfigView = z.infer<typeof ConfigView>;

export async function viewConfig(store: Store, p: Pipeline): Promise<ConfigView> {
  const env = p.environment_id ? await store.get("Environment", p.environment_id) : undefined;
  return {
    id: p.id,
    name: p.name,
    provider: p.provider,
    project_type: p.project_type,
    repository_name: p.repository_name,
    branch: p.branch,
    triggers: p.triggers,
    build_command: p.build_command,
    steps: p.steps,
    quality_gates: p.quality_gates,
    environment_id: p.environment_id,
    environment: env?.name ?? null,
    working_directory: p.working_directory,
    step_timeout_seconds: p.step_timeout_seconds,
    cache_dependencies: p.cache_dependencies,
  };
}

/** The configuration in lines a person reads. */
export function configLines(c: ConfigView): string[] {
  const lines = [
    `${c.name} (${c.id}): ${c.provider} pipeline${c.repository_name ? ` for ${c.repository_name}` : ""}${c.project_type ? `, ${c.project_type}` : ""}, branch ${c.branch}${c.environment ? `, deploys to ${c.environment}` : ""}.`,
  ];
  if (c.steps.length) {
    lines.push("Steps:", ...c.steps.map((s, i) => `${i + 1}. ${s.name}: ${s.command}${s.shards ? ` (×${s.shards} shards)` : ""}${s.timeout_seconds ? ` (timeout ${s.timeout_seconds}s)` : ""}`));
  } else if (c.build_command) {
    lines.push(`Build command: ${c.build_command}`);
  } else {
    lines.push("No steps and no build command yet.");
  }
  if (c.working_directory) lines.push(`Working directory: ${c.working_directory}`);
  if (c.step_timeout_seconds) lines.push(`Step timeout: ${c.step_timeout_seconds}s`);
  if (c.cache_dependencies) lines.push("Dependency cache: on");
  if (Object.keys(c.quality_gates).length) lines.push(`Quality gates: ${JSON.stringify(c.quality_gates)}`);
  return lines;
}
