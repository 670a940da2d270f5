import type { MiddlewareHandler } from "hono";
import { z } from "zod";
import { describeIssues, HttpError } from "../http/errors.js";
import type { RouteInput, RouteSpec } from "../openapi/route.js";
import type { AppEnv } from "../types.js";
import { parseJsonBody } from "./body.js";

function check(schema: z.ZodType | undefined, value: unknown, where: "query" | "path" | "body"): unknown {
  if (!schema) return undefined;
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  const { message, field } = describeIssues(parsed.error, where === "body" ? "" : where);
  const what = where === "body" ? "request body" : where === "query" ? "query parameters" : "path";
  throw new HttpError("VALIDATION", `Invalid ${what} — ${message}`, { error: "Validation failed", field });
}

/**
 * The request's query, path parameters and JSON body, each checked against the route's schema
 * into `c.var.input`, before anything is recorded or run: a malformed request writes nothing.
 */
export function validateInput(spec: RouteSpec): MiddlewareHandler<AppEnv> {
  // Unknown query parameters are refused: a misspelt filter must not silently match everything.
  const querySchema = spec.query instanceof z.ZodObject ? spec.query.strict() : (spec.query ?? z.strictObject({}));
  return async function validateInput(c, next) {
    const query = check(querySchema, c.req.query(), "query");
    const params = check(spec.params, c.req.param(), "path");
    let body: unknown;
    const raw = c.get("rawBody") ?? "";
    if (spec.ownBody) body = raw;
    else if (spec.body) body = check(spec.body, parseJsonBody(raw) ?? {}, "body");
    else if (raw.trim() !== "") throw new HttpError("VALIDATION", `${spec.method.toUpperCase()} ${spec.path} takes no body; send none`, { error: "Unexpected body" });
    const input: RouteInput<unknown, unknown, unknown> = { query, params, body };
    c.set("input", input);
    await next();
  };
}
