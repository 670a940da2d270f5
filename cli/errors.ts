import { ZodError } from "zod";
import { EntityInputError } from "../entities/define.js";
import { isToolError } from "../tools/errors.js";

/** One clear line for any error: what went wrong, never a stack trace. */
export function oneLine(e: unknown): string {
  if (isToolError(e)) return `${e.code}: ${e.message}`;
  if (e instanceof EntityInputError) return `invalid value: ${e.message}`;
  if (e instanceof ZodError) return `invalid input: ${e.issues.map((i) => `${i.path.join(".") || "value"}: ${i.message}`).join("; ")}`;
  if (e instanceof Error) return e.message.split("\n")[0]!;
  return String(e);
}

export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "UsageError";
  }
}
