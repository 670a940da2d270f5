import type { z } from "zod";
import type { ArgHint, ExtractKind } from "../hints.js";

/** An input field's hint for the local provider: what it is, the kind of value, and its cue words. */
export function hint(h: ArgHint & { description: string; extract: ExtractKind; cues: readonly string[] }): z.GlobalMeta {
  return { ...h };
}
