import type { Hono } from "hono";
import { docsPage } from "../openapi/docs-page.js";
import { openApiDocument } from "../openapi/document.js";
import type { Routes } from "../openapi/route.js";
import type { AppEnv } from "../types.js";

const INFO = {
  title: "FlashFusion API",
  version: "1.0.0",
  description: [
    "Five agents and the platform's tools over HTTP: the CI/CD API of the seed, users and sessions, API keys, approvals, and the chat API (Server-Sent Events).",
    "Errors answer `{error, message, code, request_id}`. Authenticated requests are rate limited per credential (a token bucket: 1000 per hour by default) and say so in the RateLimit headers. POSTs accept an Idempotency-Key.",
  ].join("\n\n"),
};

/** `/openapi.json` (OpenAPI 3.1, from the routes' own zod schemas) and `/docs`, readable offline. */
export function registerOpenApiRoutes(app: Hono<AppEnv>, routes: Routes): void {
  let doc: Record<string, unknown> | undefined;
  let page: string | undefined;
  const document = () => (doc ??= openApiDocument(routes.specs, INFO));
  app.get("/openapi.json", (c) => c.json(document(), 200, { "cache-control": "no-cache" }));
  app.get("/docs", (c) => {
    page ??= docsPage(document());
    return c.html(page, 200, { "content-security-policy": "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'", "cache-control": "no-cache" });
  });
  app.get("/", (c) => c.json({ name: INFO.title, docs: "/docs", openapi: "/openapi.json" }));
  app.get("/healthz", (c) => c.json({ status: "ok" }));
}
