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
    ] as const) {
      expect(doc.paths[path]?.[method], `${method} ${path}`).toBeDefined();
    }
    const trigger = doc.paths["/api/trigger-pipeline"]!.post!;
    expect(trigger.requestBody!.content["application/json"]!.schema).toMatchObject({ required: ["pipeline_id"], properties: { pipeline_id: { type: "string" }, branch: { type: "string" } } });
    expect(Object.keys(trigger.responses)).toEqual(expect.arrayContaining(["200", "202", "400", "401", "403", "404", "429", "500"]));
    expect(trigger.parameters.map((p) => p.name)).toContain("Idempotency-Key");
    expect(doc.paths["/api/get-status"]!.get!.parameters.map((p) => p.name)).toContain("run_id");
  });

  it("has a readable page that needs nothing from the network", async () => {
    const r = await s.fetch("/docs");
    expect(r.status).toBe(200);
    expect(r.headers.get("content-type")).toContain("text/html");
    const html = await r.text();
    expect(html).toContain("/api/trigger-pipeline");
    expect(html).toContain("Trigger a pipeline run");
    expect(html).not.toMatch(/<script|<link|src=|https?:\/\/(?!api\.flashfusion)/i);
    expect(r.headers.get("content-security-policy")).toContain("default-src 'none'");
  });
});

describe("MCP at /mcp", () => {
  it("answers GET with 405 and speaks MCP to an API key", async () => {
    expect((await s.fetch("/mcp")).status).toBe(405);
    expect((await s.fetch("/mcp", { json: {} })).status).toBe(401);
  });
});
