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
