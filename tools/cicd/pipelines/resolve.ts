import type { Entities } from "../../../entities/index.js";
import type { Store } from "../../../entities/store.js";
import { ToolError } from "../../errors.js";

export type Pipeline = Entities["PipelineConfig"];
export type Environment = Entities["Environment"];

/** What people say around a name that is not part of it: "the webapp pipeline", "'api-pipeline'". */
function cleaned(ref: string): string {
  return ref
    .trim()
    .replace(/^["'`“‘]+|["'`”’.!?,;:]+$/gu, "")
    .replace(/^(?:the|a|an|my|our)\s+/i, "")
    .trim();
}

/** Names compared without regard to case, and with spaces, hyphens and underscores alike. */
const norm = (text: string) => text.toLowerCase().replace(/[\s_-]+/g, "-");

/**
 * The row a person meant among `rows`: its id, its name (case, spaces and hyphens aside), the
 * name with a suffix left out ("webapp" for webapp-pipeline), a name said among other words
 * ("new api-pipeline build"), then a name that starts with or contains what was said. Several
 * rows at the first stage that matches is a question back; none is NOT_FOUND naming what was said.
 */
export function pickByName<T extends { id: string; name: string }>(
  rows: readonly T[],
  ref: string,
  what: { label: string; field: string; suffixes?: readonly string[] },
): T {
  const said = cleaned(ref);
  const wanted = norm(said);
  const byId = rows.find((r) => r.id.toLowerCase() === said.toLowerCase());
  if (byId) return byId;
  const suffixes = what.suffixes ?? [];
  const tokens = said.split(/\s+/).map(norm);
  const stages: ((name: string) => boolean)[] = [
    (n) => n === wanted,
    (n) => suffixes.some((s) => n === `${wanted}${s}`),
    (n) => tokens.includes(n) || suffixes.some((s) => tokens.some((t) => n === `${t}${s}`)),
    (n) => wanted.length >= 2 && n.startsWith(wanted),
    (n) => wanted.length >= 3 && n.includes(wanted),
  ];
  for (const matches of wanted ? stages : []) {
    const found = rows.filter((r) => matches(norm(r.name)));
    if (found.length === 1) return found[0]!;
    if (found.length > 1) {
      const names = found.map((r) => r.name);
      throw new ToolError("VALIDATION", `"${said}" could be ${names.join(" or ")}. Which ${what.label}?`, {
        field: what.field,
        allowed: names,
        ask: true,
      });
    }
  }
  const known = rows.slice(0, 12).map((r) => r.name);
  const there = known.length ? `; there are: ${known.join(", ")}` : `; there are no ${what.label}s yet`;
  const label = `${what.label.charAt(0).toUpperCase()}${what.label.slice(1)}`;
  throw new ToolError("NOT_FOUND", `${label} ${said || ref} not found${there}`, { field: what.field, allowed: known });
}

/** A pipeline by id (pl_…) or name ("webapp-pipeline", "webapp", "the webapp pipeline"). */
export async function resolvePipeline(store: Store, ref: string, field = "pipeline"): Promise<Pipeline> {
  const rows = await store.find("PipelineConfig", {}, { orderBy: "name" });
  return pickByName(rows, ref, { label: "pipeline", field, suffixes: ["-pipeline"] });
}

/** Short words for environment types: "prod" is production, "stage" is staging. */
const TYPE_WORDS: Record<string, Environment["type"]> = {
  prod: "production",
  production: "production",
  live: "production",
  stg: "staging",
  stage: "staging",
  staging: "staging",
  dev: "development",
  development: "development",
};

/**
 * An environment by id, name ("staging", "the staging environment"), or type word ("prod")
 * when exactly one environment has that type.
 */
export async function resolveEnvironment(store: Store, ref: string, field = "environment"): Promise<Environment> {
  const rows = await store.find("Environment", {}, { orderBy: "name" });
  const said = cleaned(ref.trim().replace(/^(?:to|into|onto)\s+/i, "")).replace(/\s+(?:environment|env)$/i, "");
  try {
    return pickByName(rows, said, { label: "environment", field });
  } catch (e) {
    const type = TYPE_WORDS[said.toLowerCase()];
    const ofType = type ? rows.filter((r) => r.type === type) : [];
    if (ofType.length === 1) return ofType[0]!;
    throw e;
  }
}
