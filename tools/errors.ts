export const TOOL_ERROR_CODES = ["NOT_FOUND", "VALIDATION", "FORBIDDEN", "CONFLICT", "RATE_LIMITED", "UPSTREAM"] as const;
export type ToolErrorCode = (typeof TOOL_ERROR_CODES)[number];

export interface ToolErrorDetails {
  /** The argument that was wrong, when one was. */
  field?: string;
  /** What would have been accepted. */
  allowed?: readonly string[];
  /** Seconds to wait before trying again (RATE_LIMITED). */
  retry_after?: number;
  [key: string]: unknown;
}

/**
 * The one error a tool raises. Its message is written for the person (and the model) who made
 * the call: what was wrong and how to fix it. Every door maps `code` to its own convention.
 */
export class ToolError extends Error {
  constructor(
    readonly code: ToolErrorCode,
    message: string,
    readonly details: ToolErrorDetails = {},
  ) {
    super(message);
    this.name = "ToolError";
  }
}

export function isToolError(e: unknown): e is ToolError {
  return e instanceof Error && e.name === "ToolError" && "code" in e;
}

export const notFound = (what: string, ref: string, details?: ToolErrorDetails) =>
  new ToolError("NOT_FOUND", `${what} ${ref} not found`, details);
export const invalid = (message: string, details?: ToolErrorDetails) => new ToolError("VALIDATION", message, details);
export const conflict = (message: string, details?: ToolErrorDetails) => new ToolError("CONFLICT", message, details);
export const forbidden = (message: string, details?: ToolErrorDetails) => new ToolError("FORBIDDEN", message, details);
