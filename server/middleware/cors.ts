import type { Context, MiddlewareHandler } from "hono";
import type { AppEnv } from "../types.js";

const ALLOW_METHODS = "GET, POST, OPTIONS";
const ALLOW_HEADERS = "authorization, content-type, last-event-id, x-api-key";
const EXPOSE_HEADERS = "x-request-id, retry-after, ratelimit, ratelimit-policy, x-ratelimit-limit, x-ratelimit-remaining, x-ratelimit-reset";

/**
 * The chat endpoints' preflight: answered for any origin (a preflight carries no credential, so
 * the origin is checked on the real request, against the widget token's allowed origins).
 */
export function chatPreflight(c: Context<AppEnv>): Response {
  const origin = c.req.header("origin");
  return c.body(null, 204, {
    ...(origin ? { "access-control-allow-origin": origin, vary: "Origin" } : {}),
    "access-control-allow-methods": ALLOW_METHODS,
    "access-control-allow-headers": ALLOW_HEADERS,
    "access-control-max-age": "600",
  });
}

/**
 * CORS for the chat endpoints: a browser may read an answer only when a widget token allows its
 * origin (`authenticate` refuses a widget token from any other origin). An error answer (no data) may be read by the page that asked, so the widget can tell an expired
 * token from a broken network. Every other endpoint sends no CORS headers at all.
 */
export function widgetCors(): MiddlewareHandler<AppEnv> {
  return async function widgetCors(c, next) {
    const origin = c.req.header("origin");
    await next();
    if (!origin) return;
    const p = c.get("principal") as AppEnv["Variables"]["principal"] | undefined;
    const allowed = p?.kind === "widget" ? p.widget!.allowedOrigins.includes(origin) : c.res.status >= 400;
    if (!allowed) return;
    c.res.headers.set("access-control-allow-origin", origin);
    c.res.headers.append("vary", "Origin");
    c.res.headers.set("access-control-expose-headers", EXPOSE_HEADERS);
  };
}
