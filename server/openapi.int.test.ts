import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestServer, type TestServer } from "./testing/serve.js";

let s: TestServer;
beforeAll(async () => {
  s = await startTestServer({ seed: false });
});
afterAll(() => s.close());

type Doc = { openapi: string; paths: Record<string, Record<string, { requestBody?: { content: Record<string, { schema: { required?: string[]; properties?: Record<string, unknown> } }> }; responses: Record<string, unknown>; parameters: { name: string }[] }>> };

describe("the OpenAPI document and the docs page", () => {
  it("is OpenAPI 3.1 generated from the routes' own schemas", async () => {
    const r = await s.fetch("/openapi.json");
    expect(r.status).toBe(200);
    const doc = (await r.json()) as Doc;
    expect(doc.openapi).toBe("3.1.0");
    for (const [path, method] of [
      ["/api/trigger-pipeline", "post"],
      ["/api/get-status", "get"],
      ["/api/get-config", "get"],
      ["/functions/createAPIKey", "post"],
      ["/functions/sendWebhook", "post"],
      ["/api/v1/auth/register", "post"],
      ["/api/v1/auth/login", "post"],
      ["/api/v1/auth/refresh", "post"],
      ["/api/v1/auth/logout", "post"],
      ["/api/v1/chat", "post"],
      ["/api/v1/threads", "get"],
      ["/api/v1/threads/{id}", "get"],
      ["/api/v1/threads/{id}/approve", "post"],
      ["/api/v1/threads/{id}/events", "get"],
      ["/api/v1/widget/token", "post"],
      ["/api/v1/events", "post"],
      ["/api/v1/ai/chat", "post"],
      ["/api/v1/analytics/usage", "get"],
      ["/api/v1/orders", "get"],
      ["/api/v1/orders/{id}", "get"],
      ["/api/v1/pipelines", "post"],
      ["/api/v1/pipelines/{id}", "delete"],
      ["/api/v1/webhooks", "post"],
      ["/api/v1/webhooks/{id}", "delete"],
      ["/api/v1/insights/{id}/chart.svg", "get"],
    ] as const) {
      expect(doc.paths[path]?.[method], `${method} ${path}`).toBeDefined();
    }
    const trigger = doc.paths["/api/trigger-pipeline"]!.post!;
    expect(trigger.requestBody!.content["application/json"]!.schema).toMatchObject({ required: ["pipeline_id"], properties: { pipeline_id: { type: "string" }, branch: { type: "string" } } });
    expect(Object.keys(trigger.responses)).toEqual(expect.arrayContaining(["200", "202", "400", "401", "403", "404", "429", "500"]));
    expect(trigger.parameters.map((p) => p.name)).toContain("Idempotency-Key");
    expect(doc.paths["/api/get-status"]!.get!.parameters.map((p) => p.name)).toContain("run_id");
    // Filters come from the entity's own fields; the §1.3 endpoint documents its own error shape.
    expect(doc.paths["/api/v1/orders"]!.get!.parameters.map((p) => p.name)).toEqual(expect.arrayContaining(["page", "size", "status", "user_id", "sort", "order"]));
    expect(JSON.stringify(doc.paths["/api/v1/ai/chat"]!.post!.responses["400"])).toContain("INVALID_REQUEST");
  });

  it("has a readable page that needs nothing from the network", async () => {
    const r = await s.fetch("/docs");
    expect(r.status).toBe(200);
    expect(r.headers.get("content-type")).toContain("text/html");
    const html = await r.text();
    expect(html).toContain("/api/trigger-pipeline");
    expect(html).toContain("Trigger a pipeline run");
    // Nothing to fetch: no scripts, stylesheets, images or fonts from anywhere; links only within the page.
    expect(html).not.toMatch(/<script|<link|<img|src=|@import|url\(/i);
    expect([...html.matchAll(/href="([^"]*)"/g)].map((m) => m[1]).filter((h) => !h!.startsWith("#") && h !== "/openapi.json")).toEqual([]);
    expect(r.headers.get("content-security-policy")).toContain("default-src 'none'");
  });
});

describe("MCP at /mcp", () => {
  it("answers GET with 405 and speaks MCP to an API key", async () => {
    expect((await s.fetch("/mcp")).status).toBe(405);
    expect((await s.fetch("/mcp", { json: {} })).status).toBe(401);
  });
});
