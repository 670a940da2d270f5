import { getRequestListener } from "@hono/node-server";
import { WebStandardStreamableHTTPServerTransport } from "@modelcontextprotocol/sdk/server/webStandardStreamableHttp.js";
import type { Runtime } from "../../graph/types.js";
import { stderrLog, type McpLog } from "../log.js";
import { createServer } from "../server.js";
import { createToolCatalog } from "../tools/index.js";
import { FULL_EXPOSURE, type Exposure } from "../toolsets.js";
import { presentedKey, type Authenticate } from "./auth.js";
import { rpcError } from "./responses.js";

export interface McpHttpOptions {
  /** The runtime the HTTP server already runs (the handler does not close it). */
  runtime: Runtime;
  /** Who presents a key (`apiKeyAuthenticator(runtime.core)` is ready to use). */
  authenticate: Authenticate;
  /**
   * Browser origins allowed to call (e.g. "https://app.example.com"). A request with any other
   * `Origin` is refused (DNS rebinding); a request without one (a non-browser client) passes.
   */
  allowedOrigins?: readonly string[];
  exposure?: Exposure;
  log?: McpLog;
}

export type McpHttpHandler = (request: Request) => Promise<Response>;

const ALLOW = { allow: "POST" };

/**
 * Streamable HTTP at `/mcp`, stateless: each POST is answered by a server built for the key
 * that sent it (tools filtered by its user's role and its permissions), with JSON responses.
 * GET (no server-initiated stream) and DELETE (no sessions) answer 405.
 */
export function createMcpHttpHandler(options: McpHttpOptions): McpHttpHandler {
  const catalog = createToolCatalog(options.runtime.core.registry);
  const allowed = new Set((options.allowedOrigins ?? []).map((o) => o.replace(/\/$/, "").toLowerCase()));
  const log = options.log ?? stderrLog;
  return async (request) => {
    if (request.method !== "POST") return rpcError(405, `${request.method} is not supported: this MCP endpoint is stateless; POST JSON-RPC messages`, ALLOW);
    const origin = request.headers.get("origin");
    if (origin && !allowed.has(origin.toLowerCase())) return rpcError(403, `origin ${origin} is not allowed`);
    const key = presentedKey(request);
    if (!key) return rpcError(401, "an API key is required: send X-API-Key or Authorization: Bearer ffai_…", { "www-authenticate": 'Bearer realm="flashfusion"' });
    const principal = await options.authenticate(key, request);
    if (!principal) return rpcError(401, "the API key is unknown, revoked or expired", { "www-authenticate": 'Bearer realm="flashfusion", error="invalid_token"' });

    const { server, cleanup } = createServer({ runtime: options.runtime, principal, exposure: options.exposure ?? FULL_EXPOSURE, catalog, log });
    const transport = new WebStandardStreamableHTTPServerTransport({ sessionIdGenerator: undefined, enableJsonResponse: true });
    try {
      await server.connect(transport);
      // In JSON mode the response is complete when it resolves: the server can close after.
      return await transport.handleRequest(request);
    } finally {
      await cleanup();
    }
  };
}

/** The handler as a node:http request listener (for a plain node:http server, or tests). */
export function nodeListener(handler: McpHttpHandler) {
  return getRequestListener(handler);
}
