import { z } from "zod";
import type { AnyTool } from "./define.js";

const secretInputs = new WeakMap<AnyTool, ReadonlySet<string>>();

/** The tool's input fields marked `.meta({ secret: true })`, read from its schema once. */
function secretInputsOf(tool: AnyTool): ReadonlySet<string> {
  let secret = secretInputs.get(tool);
  if (!secret) {
    const shape = tool.input.shape as Record<string, z.ZodType>;
    secret = new Set(Object.keys(shape).filter((key) => (z.globalRegistry.get(shape[key]!) as { secret?: boolean } | undefined)?.secret));
    secretInputs.set(tool, secret);
  }
  return secret;
}

/** Input fields whose schema is marked `.meta({ secret: true })` never reach logs or approvals. */
export function redactInput(tool: AnyTool, input: Record<string, unknown>): Record<string, unknown> {
  const secret = secretInputsOf(tool);
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(input)) out[key] = secret.has(key) ? "[redacted]" : input[key];
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
const markedOutputs = new WeakMap<AnyTool, boolean>();

/** Whether any field of the output, at any depth `splitOutput` walks, is marked secret or display. */
function hasMarks(schema: z.ZodType, depth = 0): boolean {
  const shape = objectShape(schema);
  if (depth > 8) return true; // deeper (or recursive) than any output here: walk it
  if (!shape) return false;
  return Object.values(shape).some((field) => {
    const marks = marksOf(field);
    return marks.secret || marks.display || hasMarks(field, depth + 1);
  });
}

export function splitOutput(tool: AnyTool, output: unknown): SplitOutput {
  let marked = markedOutputs.get(tool);
  if (marked === undefined) markedOutputs.set(tool, (marked = hasMarks(tool.output)));
  // Nothing to hold back: the output is its own safe and display form.
  if (!marked) return { safe: output, shownOnce: {}, display: output };
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
