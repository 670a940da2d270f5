import type { ScanInputs } from "../scans/inputs.js";
import type { TextSource } from "./text-source.js";

/** Every string leaf of a JSON value with its dotted path. */
function* leaves(value: unknown, path: string): Generator<[string, string]> {
  if (typeof value === "string") yield [path, value];
  else if (Array.isArray(value)) for (const [i, v] of value.entries()) yield* leaves(v, `${path}[${i}]`);
  else if (value && typeof value === "object") for (const [k, v] of Object.entries(value)) yield* leaves(v, `${path}.${k}`);
}

const lastKey = (path: string) => path.replace(/\[\d+\]$/, "").split(".").at(-1) ?? path;

/** The texts of the stored configuration in scope: pipelines, environments, webhooks, latest run logs. */
export function configSources(inputs: ScanInputs): TextSource[] {
  const sources: TextSource[] = [];
  for (const p of inputs.pipelines) {
    const at = `pipeline ${p.name}`;
    if (p.build_command) sources.push({ where: `${at}, build command`, text: p.build_command });
    for (const step of p.steps) sources.push({ where: `${at}, step "${step.name}" command`, text: step.command });
    for (const field of ["triggers", "quality_gates"] as const) {
      for (const [path, text] of leaves(p[field], field)) sources.push({ where: `${at}, ${path}`, text, name: lastKey(path) });
    }
  }
  for (const env of inputs.environments) {
    const at = `environment ${env.name}`;
    for (const [name, text] of Object.entries(env.variables as Record<string, string>)) sources.push({ where: `${at}, variable ${name}`, text, name });
    if (env.url) sources.push({ where: `${at}, url`, text: env.url, name: "url" });
  }
  for (const hook of inputs.webhooks) {
    sources.push({ where: `webhook ${hook.id}, url`, text: hook.url, name: "url" });
    if (hook.description) sources.push({ where: `webhook ${hook.id}, description`, text: hook.description });
  }
  const names = new Map(inputs.pipelines.map((p) => [p.id, p.name]));
  for (const run of inputs.runs) {
    if (!run.logs) continue;
    sources.push({ where: `run #${run.number} of ${names.get(run.pipeline_id) ?? run.pipeline_id}, logs`, text: run.logs, multiline: true });
  }
  return sources;
}
