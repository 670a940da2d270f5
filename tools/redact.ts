import { z } from "zod";
import type { AnyTool } from "./define.js";

/** Input fields whose schema is marked `.meta({ secret: true })` never reach logs or approvals. */
export function redactInput(tool: AnyTool, input: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(input)) {
    const schema = (tool.input.shape as Record<string, z.ZodType>)[key];
    const meta = schema ? (z.globalRegistry.get(schema) as { secret?: boolean } | undefined) : undefined;
    out[key] = meta?.secret ? "[redacted]" : value;
  }
  return out;
}

/** What stands in for a value that was shown to the person once and is kept nowhere. */
export const SHOWN_ONCE = "[shown once; not stored]";

function secretFields(schema: z.ZodType): string[] {
  const shape = (schema as unknown as { shape?: Record<string, z.ZodType> }).shape;
  if (!shape) return [];
  return Object.entries(shape)
    .filter(([, field]) => {
      let f: z.ZodType | undefined = field;
      for (let i = 0; f && i < 4; i++) {
        if ((z.globalRegistry.get(f) as { secret?: boolean } | undefined)?.secret) return true;
        f = (f as unknown as { unwrap?: () => z.ZodType }).unwrap?.();
      }
      return false;
    })
    .map(([key]) => key);
}

/**
 * Splits a tool's output into what the caller sees once (plaintext keys, signing secrets) and
 * what may be kept or sent to a model: output fields marked `.meta({ secret: true })` are
 * replaced in the latter.
 */
export function redactOutput(tool: AnyTool, output: unknown): { safe: unknown; shownOnce: Record<string, string> } {
  const fields = secretFields(tool.output);
  if (!fields.length || !output || typeof output !== "object") return { safe: output, shownOnce: {} };
  const safe: Record<string, unknown> = { ...(output as Record<string, unknown>) };
  const shownOnce: Record<string, string> = {};
  for (const key of fields) {
    if (typeof safe[key] === "string") {
      shownOnce[key] = safe[key] as string;
      safe[key] = SHOWN_ONCE;
    }
  }
  return { safe, shownOnce };
}
