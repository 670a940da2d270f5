import type { z } from "zod";
import type { ArgHint, ExtractKind } from "../hints.js";

/**
 * An input field's hint for the local provider, with the parts every analytics field declares:
 * what it is, the kind of value to extract, and the words that come before it in commands.
 */
export function hint(h: ArgHint & { description: string; extract: ExtractKind; cues: readonly string[] }): z.GlobalMeta {
  return { ...h };
}
