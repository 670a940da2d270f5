import { z } from "zod";
import { EntityInputError } from "../../entities/define.js";
import { isLlmError } from "../../llm/errors.js";
import { toToolError } from "../../tools/door.js";
import { isToolError, type ToolErrorCode } from "../../tools/errors.js";

/** Every `code` an error answer may carry: the tool door's, and the ones only HTTP has. */
export const HTTP_ERROR_CODES = [
  "VALIDATION",
  "NOT_FOUND",
  "FORBIDDEN",
  "CONFLICT",
  "RATE_LIMITED",
  "UPSTREAM",
  "UNAUTHORIZED",
  "PAYLOAD_TOO_LARGE",
  "UNSUPPORTED_MEDIA_TYPE",
  "METHOD_NOT_ALLOWED",
  "IDEMPOTENCY_KEY_REUSED",
  "INTERNAL",
] as const;
export type HttpErrorCode = (typeof HTTP_ERROR_CODES)[number];

export type ErrorStatus = 400 | 401 | 403 | 404 | 405 | 409 | 413 | 415 | 422 | 429 | 500 | 502;

const STATUS: Record<HttpErrorCode, ErrorStatus> = {
  VALIDATION: 400,
  UNAUTHORIZED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  METHOD_NOT_ALLOWED: 405,
  CONFLICT: 409,
  PAYLOAD_TOO_LARGE: 413,
  UNSUPPORTED_MEDIA_TYPE: 415,
  IDEMPOTENCY_KEY_REUSED: 422,
  RATE_LIMITED: 429,
  INTERNAL: 500,
  UPSTREAM: 502,
};

/** The short name in `error` when the thrower gave none. */
const TITLE: Record<HttpErrorCode, string> = {
  VALIDATION: "Bad request",
  UNAUTHORIZED: "Unauthorized",
  FORBIDDEN: "Forbidden",
  NOT_FOUND: "Not found",
  METHOD_NOT_ALLOWED: "Method not allowed",
  CONFLICT: "Conflict",
  PAYLOAD_TOO_LARGE: "Payload too large",
  UNSUPPORTED_MEDIA_TYPE: "Unsupported media type",
  IDEMPOTENCY_KEY_REUSED: "Idempotency key reused",
  RATE_LIMITED: "Too many requests",
  INTERNAL: "Internal server error",
  UPSTREAM: "Upstream service failed",
};

/** The one error body of the API (seed 000's `{error, message}`, plus `code` and `request_id`). */
export const ErrorBody = z.object({
  error: z.string().describe("a short name of the error"),
  message: z.string().describe("what was wrong and how to fix it"),
  code: z.enum(HTTP_ERROR_CODES),
  request_id: z.string(),
  field: z.string().optional().describe("the request field that was wrong, when one was"),
  allowed: z.array(z.string()).optional().describe("what would have been accepted"),
});
export type ErrorBody = z.infer<typeof ErrorBody>;

/** An error answered before or instead of a tool call: its code decides the status. */
export class HttpError extends Error {
  override readonly name = "HttpError";
  constructor(
    readonly code: HttpErrorCode,
    message: string,
    readonly options: { error?: string; headers?: Record<string, string>; field?: string; allowed?: readonly string[] } = {},
  ) {
    super(message);
  }
  get status(): ErrorStatus {
    return STATUS[this.code];
  }
}

/** A ToolError's code as HTTP knows it (they share names). */
const fromTool = (code: ToolErrorCode): HttpErrorCode => code;

/** Describes zod issues as one sentence naming each field. */
export function describeIssues(error: z.ZodError, where = ""): { message: string; field?: string } {
  const issues = error.issues.map((i) => {
    const path = [where, ...i.path.map(String)].filter(Boolean).join(".");
    return path ? `${path}: ${i.message}` : i.message;
  });
  const first = error.issues[0];
  return { message: issues.join("; "), field: first ? [where, ...first.path.map(String)].filter(Boolean).join(".") || undefined : undefined };
}

/**
 * Any error as the answer's status, headers and body. Unexpected errors say only that nothing
 * further was changed: their text may hold internals, so it goes to the log, never the client.
 */
export function errorAnswer(e: unknown, requestId: string): { status: ErrorStatus; headers: Record<string, string>; body: ErrorBody; unexpected: boolean } {
  const body = (code: HttpErrorCode, message: string, extra: { error?: string; field?: string; allowed?: readonly string[] } = {}): ErrorBody => ({
    error: extra.error ?? TITLE[code],
    message,
    code,
    request_id: requestId,
    ...(extra.field ? { field: extra.field } : {}),
    ...(extra.allowed?.length ? { allowed: [...extra.allowed].slice(0, 50).map(String) } : {}),
  });
  if (e instanceof HttpError) {
    return { status: e.status, headers: e.options.headers ?? {}, body: body(e.code, e.message, e.options), unexpected: false };
  }
  if (e instanceof EntityInputError) {
    return { status: 400, headers: {}, body: body("VALIDATION", e.message, { field: e.field }), unexpected: false };
  }
  if (isLlmError(e)) {
    const code: HttpErrorCode = e.code === "INVALID_REQUEST" ? "VALIDATION" : e.code === "QUOTA_EXCEEDED" ? "RATE_LIMITED" : "UPSTREAM";
    return { status: STATUS[code], headers: {}, body: body(code, e.message), unexpected: false };
  }
  const err = toToolError(e);
  if (isToolError(err)) {
    const code = fromTool(err.code);
    const retry: Record<string, string> = typeof err.details.retry_after === "number" ? { "retry-after": String(Math.ceil(err.details.retry_after)) } : {};
    const field = typeof err.details.field === "string" ? err.details.field : undefined;
    const allowed = Array.isArray(err.details.allowed) ? err.details.allowed.map(String) : undefined;
    return { status: STATUS[code], headers: retry, body: body(code, err.message, { field, allowed }), unexpected: false };
  }
  return {
    status: 500,
    headers: {},
    body: body("INTERNAL", "The server failed unexpectedly; nothing further was changed. Try again, and report the request_id if it persists."),
    unexpected: true,
  };
}
