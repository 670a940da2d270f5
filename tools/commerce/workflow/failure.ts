import { ToolError, TOOL_ERROR_CODES, type ToolErrorCode } from "../../errors.js";
import type { Execution } from "./types.js";

export function isToolErrorCode(code: string | null): code is ToolErrorCode {
  return code !== null && (TOOL_ERROR_CODES as readonly string[]).includes(code);
}

/**
 * The error answering a failed execution: `message`, then the execution to look at, with the
 * failing step's ToolError code and details, so a replay answers exactly as the first call did.
 */
export function failureError(execution: Execution, message: string, extra: Record<string, unknown> = {}): Error {
  const text = `${message.trim().replace(/\.$/, "")}. (workflow ${execution.id})`;
  const details = { ...(execution.error_details ?? {}), ...extra, execution_id: execution.id };
  return isToolErrorCode(execution.error_code) ? new ToolError(execution.error_code, text, details) : new Error(text);
}

/** "<headline>: <cause>." and whether undoing it needs a person. */
export function workflowFailure(execution: Execution, headline: string): Error {
  const cause = execution.error ? `: ${execution.error.replace(/\.$/, "")}` : "";
  const undone = execution.status === "compensation_failed" ? ". Undoing it failed part-way; a task asks a person to finish it" : "";
  return failureError(execution, `${headline}${cause}${undone}`);
}
