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

type Marks = { secret?: boolean; display?: boolean };

function marksOf(schema: z.ZodType): Marks {
  let f: z.ZodType | undefined = schema;
  const marks: Marks = {};
  for (let i = 0; f && i < 5; i++) {
    const meta = z.globalRegistry.get(f) as Marks | undefined;
    if (meta?.secret) marks.secret = true;
    if (meta?.display) marks.display = true;
    f = (f as unknown as { unwrap?: () => z.ZodType }).unwrap?.();
  }
  return marks;
}

function objectShape(schema: z.ZodType): Record<string, z.ZodType> | undefined {
  let f: z.ZodType | undefined = schema;
  for (let i = 0; f && i < 5; i++) {
    const shape = (f as unknown as { shape?: Record<string, z.ZodType> }).shape;
    if (shape) return shape;
    f = (f as unknown as { unwrap?: () => z.ZodType }).unwrap?.();
  }
  return undefined;
}

export interface SplitOutput {
  /** What may be stored or sent to a model: no shown-once values, no display-only fields. */
  safe: unknown;
  /** Values shown to the caller this once (`.meta({ secret: true })`), by field path. */
  shownOnce: Record<string, string>;
  /** The output for the person's screen right now: display fields (charts) kept, secrets replaced. */
  display: unknown;
}

/**
 * Splits a tool's output by its fields' marks: `secret` values (a new API key, a signing
 * secret) reach only the immediate caller; `display` fields (an SVG chart) go to the person's
 * screen but are not kept in the thread or sent to a model.
 */
export function splitOutput(tool: AnyTool, output: unknown): SplitOutput {
  const shownOnce: Record<string, string> = {};
  const walk = (schema: z.ZodType, value: unknown, path: string, forDisplay: boolean): unknown => {
    const shape = objectShape(schema);
    if (!shape || !value || typeof value !== "object" || Array.isArray(value)) return value;
    const out: Record<string, unknown> = {};
    for (const [key, v] of Object.entries(value as Record<string, unknown>)) {
      const field = shape[key];
      const marks = field ? marksOf(field) : {};
      const at = path ? `${path}.${key}` : key;
      if (marks.secret && typeof v === "string") {
        if (!forDisplay) shownOnce[at] = v;
        out[key] = SHOWN_ONCE;
      } else if (marks.display && !forDisplay) {
        continue;
      } else {
        out[key] = field ? walk(field, v, at, forDisplay) : v;
      }
    }
    return out;
  };
  const safe = walk(tool.output, output, "", false);
  const display = walk(tool.output, output, "", true);
  return { safe, shownOnce, display };
}
