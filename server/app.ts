import { Hono, type MiddlewareHandler } from "hono";
import { bodyLimit } from "hono/body-limit";
import { requestId } from "hono/request-id";
import { randomIds } from "../entities/ids.js";
import { createAccounts } from "./auth/accounts.js";
import { createAuthenticator } from "./auth/credentials.js";
import { accessTokens } from "./auth/tokens.js";
import type { ServerContext } from "./context.js";
import { errorAnswer, HttpError } from "./http/errors.js";
import { dbRateLimiter } from "./limits/rate-limiter.js";
import { accessLog } from "./middleware/access-log.js";
import { authenticate } from "./middleware/authenticate.js";
import { readBody } from "./middleware/body.js";
import { idempotency } from "./middleware/idempotency.js";
import { rateLimit } from "./middleware/rate-limit.js";
import { securityHeaders } from "./middleware/security-headers.js";
import { validateInput } from "./middleware/validate.js";
import { isIdempotent } from "./openapi/document.js";
import { createRoutes, honoPath, type RouteSpec } from "./openapi/route.js";
import { createChatHub } from "./chat/hub.js";
import { chatPreflight, widgetCors } from "./middleware/cors.js";
import { registerAiRoutes } from "./routes/ai.js";
import { registerApprovalRoutes } from "./routes/approvals.js";
import { registerChatRoutes } from "./routes/chat.js";
import { registerWidgetRoutes } from "./routes/widget.js";
import { registerWidgetAssetRoutes } from "./routes/widget-assets.js";
import { registerAuthRoutes } from "./routes/auth.js";
import { registerEntityRoutes } from "./routes/entities.js";
import { registerEventRoutes } from "./routes/events.js";
import { registerInsightRoutes } from "./routes/insights.js";
import { registerPipelineRoutes } from "./routes/pipelines.js";
import { registerKeyRoutes } from "./routes/keys.js";
import { registerMcpRoute } from "./routes/mcp.js";
import { registerOpenApiRoutes } from "./routes/openapi.js";
import { registerSeedRoutes } from "./routes/seed.js";
import { DEFAULT_OPTIONS, type AppDeps, type AppEnv, type ServerOptions } from "./types.js";

const WITH_BODY = new Set(["post", "put", "patch"]);

function errorResponse(e: unknown, requestId: string, options: ServerOptions): Response {
  const answer = errorAnswer(e, requestId);
  if (answer.unexpected) options.log.error(`[flashfusion] ${requestId} failed: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
  return new Response(JSON.stringify(answer.body), { status: answer.status, headers: { "content-type": "application/json", "x-request-id": requestId, ...answer.headers } });
}

/**
 * The HTTP app: the seed's CI/CD endpoints, users and sessions, API keys, approvals, the chat
 * API, MCP at /mcp, OpenAPI at /openapi.json and /docs. It maps HTTP onto the tool door and the
 * runtime and holds no business logic. Nothing listens until `startServer` (or a test) serves it.
 */
export function createApp(deps: AppDeps): Hono<AppEnv> {
  const options: ServerOptions = { ...DEFAULT_OPTIONS, ...deps.options };
  const core = deps.runtime.core;
  const now = deps.now ?? Date.now;
  const tokens = accessTokens(core.cipher, core.clock, options.accessTokenTtlSeconds);
  const rateLimiter = deps.rateLimiter ?? dbRateLimiter(core.db, now);
  const ctx: ServerContext = { runtime: deps.runtime, core, options, tokens, authenticator: createAuthenticator(core, tokens), rateLimiter, now };

  const app = new Hono<AppEnv>();
  app.use(requestId({ generator: () => randomIds.next("req") }));
  app.use(securityHeaders());
  app.use(accessLog(options.log));
  const limitBody = bodyLimit({
    maxSize: options.bodyLimitBytes,
    // The rest of the body is not read: the connection closes, so clients do not reuse it.
    onError: (c) =>
      errorResponse(new HttpError("PAYLOAD_TOO_LARGE", `The body is larger than ${options.bodyLimitBytes} bytes`, { headers: { connection: "close" } }), c.get("requestId"), options),
  });
  app.use(async (c, next) => (WITH_BODY.has(c.req.method.toLowerCase()) ? limitBody(c, next) : next()));
  app.onError((e, c) => errorResponse(e, c.get("requestId") ?? "unknown", options));
  app.notFound((c) => errorResponse(new HttpError("NOT_FOUND", `There is no ${c.req.method} ${c.req.path}; the endpoints are listed at /docs`), c.get("requestId"), options));

  const middleware = (spec: RouteSpec): MiddlewareHandler<AppEnv>[] => [
    ...(spec.cors === "widget" ? [widgetCors()] : []),
    ...(spec.auth ? [authenticate({ authenticator: ctx.authenticator, accept: spec.auth, permission: spec.permission })] : []),
    ...(spec.auth && spec.rateLimited !== false ? [rateLimit({ limiter: rateLimiter, policy: options.rateLimit }, now)] : []),
    ...(WITH_BODY.has(spec.method) ? [readBody()] : []),
    validateInput(spec),
    ...(isIdempotent(spec) ? [idempotency({ core, ttlSeconds: options.idempotencyTtlSeconds })] : []),
  ];
  const routes = createRoutes(app, middleware);
  const accounts = createAccounts({ core, tokens, limiter: rateLimiter, passwordCost: options.passwordCost, refreshTtlSeconds: options.refreshTokenTtlSeconds, invitationTtlSeconds: options.invitationTtlSeconds });

  registerSeedRoutes(routes, ctx);
  registerAuthRoutes(routes, accounts);
  registerKeyRoutes(routes, ctx);
  registerApprovalRoutes(routes, ctx);
  registerChatRoutes(routes, ctx, createChatHub({ core, log: options.log, pollMs: options.pollMs }));
  registerWidgetRoutes(routes, ctx);
  registerAiRoutes(routes, ctx);
  registerEventRoutes(routes, ctx);
  registerPipelineRoutes(routes, ctx);
  registerInsightRoutes(routes, ctx);
  registerEntityRoutes(routes, ctx);
  for (const path of new Set(routes.specs.filter((s) => s.cors === "widget").map((s) => honoPath(s.path)))) app.options(path, chatPreflight);
  registerMcpRoute(app, ctx);
  registerWidgetAssetRoutes(app, { demo: options.demo });
  registerOpenApiRoutes(app, routes);
  return app;
}
