import type { Entities } from "../../../entities/index.js";
import type { Store } from "../../../entities/store.js";
import { ToolError } from "../../errors.js";

/** Words that mean "no single pipeline": the whole workspace. */
const WHOLE_WORKSPACE = /^(?:the\s+)?(?:whole\s+|entire\s+)?(?:workspace|everything|all(?:\s+(?:the\s+)?pipelines)?|all of it)$/i;

export function meansWorkspace(ref: string | undefined): boolean {
  return ref === undefined || WHOLE_WORKSPACE.test(ref.trim());
}

/** Words before a pipeline's name in commands about scans ("the latest scan of docs-pipeline"). */
export const SCAN_TARGET_CUES = ["scan of", "scan for", "scan on", "scans of", "scans for", "scans on", "run on"] as const;

/** "on the docs-pipeline configuration" → "docs-pipeline": the words around a name that are not the name. */
function norm(ref: string): string {
  let s = ref.trim().replace(/^["']|["']$/g, "").toLowerCase();
  for (let before = ""; before !== s; ) {
    before = s;
    s = s.replace(/^(on|of|for|in|the|our|my)\s+/, "").replace(/\s+(pipeline|configuration|config|settings|repo|repository)$/, "");
  }
  return s;
}

/**
 * The pipeline a person named, by id or name (case-insensitive: exactly, then by the beginning,
 * then anywhere). Several candidates is a question back; none is NOT_FOUND naming what exists.
 */
export async function resolvePipeline(store: Store, ref: string, field = "pipeline"): Promise<Entities["PipelineConfig"]> {
  const pipelines = await store.find("PipelineConfig", {}, { orderBy: "name" });
  const byId = pipelines.find((p) => p.id === ref.trim());
  if (byId) return byId;
  const wanted = norm(ref);
  const stages = [
    (n: string) => n === wanted || n === `${wanted}-pipeline`,
    (n: string) => n.startsWith(wanted),
    (n: string) => n.includes(wanted),
  ];
  for (const matches of wanted ? stages : []) {
    const found = pipelines.filter((p) => matches(p.name.toLowerCase()));
    if (found.length === 1) return found[0]!;
    if (found.length > 1) {
      const names = found.map((p) => p.name);
      throw new ToolError("VALIDATION", `"${ref}" matches ${found.length} pipelines: ${names.join(", ")}. Which one?`, { field, allowed: names, ask: true });
    }
  }
  const names = pipelines.map((p) => p.name);
  const known = names.length ? `; the pipelines are: ${names.slice(0, 10).join(", ")}` : "; this workspace has no pipelines yet";
  throw new ToolError("NOT_FOUND", `No pipeline "${ref}" in this workspace${known}`, { field, allowed: names });
}

/** The pipeline named, or null for the whole workspace. */
export async function resolveScanTarget(store: Store, ref: string | undefined): Promise<Entities["PipelineConfig"] | null> {
  return meansWorkspace(ref) ? null : resolvePipeline(store, ref!);
}
