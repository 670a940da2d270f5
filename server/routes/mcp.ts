import type { Hono } from "hono";
import { createMcpHttpHandler } from "../../mcp-server/http/handler.js";
import type { McpPrincipal } from "../../mcp-server/principal.js";
import type { ServerContext } from "../context.js";
import { authenticate } from "../middleware/authenticate.js";
import { rateLimit } from "../middleware/rate-limit.js";
import type { AppEnv } from "../types.js";

/**
 * The MCP server's Streamable HTTP handler at /mcp. The key is authenticated and rate limited
 * here like every other request (once: the handler is handed the principal, not the key again);
 * GET and DELETE answer 405 from the handler itself.
 */
export function registerMcpRoute(app: Hono<AppEnv>, ctx: ServerContext): void {
  const resolved = new WeakMap<Request, McpPrincipal>();
  const handler = createMcpHttpHandler({
    runtime: ctx.runtime,
    authenticate: async (_key, request) => resolved.get(request) ?? null,
    allowedOrigins: ctx.options.mcpAllowedOrigins,
  });
  app.post(
    "/mcp",
    authenticate({ authenticator: ctx.authenticator, accept: ["api_key"] }),
    rateLimit({ limiter: ctx.rateLimiter, policy: ctx.options.rateLimit }, ctx.now),
    (c) => {
      const p = c.get("principal");
      resolved.set(c.req.raw, { workspaceId: p.workspaceId, actor: p.actor, apiKey: p.apiKey });
      return handler(c.req.raw);
    },
  );
  app.all("/mcp", (c) => handler(c.req.raw));
}
