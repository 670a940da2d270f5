import type { z } from "zod";
import type { ArgHint, ExtractKind } from "../hints.js";

/** An input field's hint for the local provider; every security field says what it is, its kind and its cues. */
export function hint(h: ArgHint & { description: string; extract: ExtractKind; cues: readonly string[] }): z.GlobalMeta {
  return { ...h };
}
