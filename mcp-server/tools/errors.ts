import type { Tool } from "@modelcontextprotocol/sdk/types.js";
import { toToolError } from "../../tools/door.js";
import { isToolError, type ToolErrorCode } from "../../tools/errors.js";

/** What the caller can do about each error code, after the tool's own message. */
const ADVICE: Record<ToolErrorCode, string> = {
  VALIDATION: "Fix the arguments and call again.",
  NOT_FOUND: "Check the name or id (a list_* tool or a flashfusion:// resource shows what exists) and call again.",
  FORBIDDEN: "Changing the arguments will not help: this caller is not allowed to do this.",
  CONFLICT: "The current state does not allow this call; read the current state first.",
  RATE_LIMITED: "Wait, then call again.",
  UPSTREAM: "A service outside FlashFusion failed; nothing was changed. Try again later.",
};

interface Props {
  properties?: Record<string, { type?: unknown; enum?: unknown[]; description?: string }>;
  required?: string[];
}

/** "name (string, required): a name for the key" — one line per argument. */
function argumentLines(tool: Tool): string[] {
  const schema = tool.inputSchema as Props;
  const required = new Set(schema.required ?? []);
  return Object.entries(schema.properties ?? {}).map(([name, p]) => {
    const type = p.enum ? `one of ${p.enum.join(", ")}` : Array.isArray(p.type) ? p.type.join(" or ") : String(p.type ?? "value");
    return `- ${name} (${type}${required.has(name) ? ", required" : ""})${p.description ? `: ${p.description}` : ""}`;
  });
}

/**
 * An error as the text of an `isError` result: the code, the tool's message (what was wrong,
 * naming the thing referred to), the valid values or the field when known, and what to do.
 * Unexpected errors say only that nothing was changed: their text may hold internals.
 */
export function explainError(e: unknown, tool?: Tool): string {
  const err = toToolError(e);
  if (!isToolError(err)) return `INTERNAL: ${tool?.name ?? "the call"} failed unexpectedly; nothing further was changed. Try again, or report it if it persists.`;
  const lines = [`${err.code}: ${err.message}`];
  const { field, allowed, retry_after } = err.details;
  if (field) lines.push(`Argument: ${field}.`);
  if (Array.isArray(allowed) && allowed.length) lines.push(`Valid values: ${allowed.slice(0, 50).join(", ")}${allowed.length > 50 ? ", …" : ""}.`);
  if (typeof retry_after === "number") lines.push(`Retry after ${retry_after} seconds.`);
  lines.push(ADVICE[err.code]);
  if (err.code === "VALIDATION" && tool) {
    const args = argumentLines(tool);
    if (args.length) lines.push(`${tool.name} takes:`, ...args);
  }
  return lines.join("\n");
}

export function errorCode(e: unknown): string {
  const err = toToolError(e);
  return isToolError(err) ? err.code : "INTERNAL";
}
