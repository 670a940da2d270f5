import type { MiddlewareHandler } from "hono";
import type { AppEnv, ServerLog } from "../types.js";

/** One line per request: method, path, status, time, request id. Never a body, a query or a header. */
export function accessLog(log: ServerLog): MiddlewareHandler<AppEnv> {
  return async function accessLog(c, next) {
    const started = performance.now();
    await next();
    log.info(`${c.req.method} ${c.req.path} ${c.res.status} ${(performance.now() - started).toFixed(1)}ms ${c.get("requestId")}`);
  };
}
