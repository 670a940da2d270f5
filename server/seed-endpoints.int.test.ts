import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { httpClient } from "../mcp-server/testing/http.js";
import { storeFor } from "../tools/door.js";
import { startTestServer, type TestServer } from "./testing/serve.js";

let s: TestServer;
let key: string;
let token: string;

beforeAll(async () => {
  s = await startTestServer();
  key = await s.makeKey("seed-client", ["trigger_pipeline", "read_runs", "read_config", "webhook"]);
  token = await s.signIn();
});
afterAll(() => s.close());

const withKey = (extra: Record<string, string> = {}) => ({ "x-api-key": key, ...extra });

async function expectError(r: Response, status: number, code: string): Promise<Record<string, unknown>> {
  const body = (await r.json()) as Record<string, unknown>;
  expect({ status: r.status, code: body.code }).toEqual({ status, code });
  expect(body).toMatchObject({ error: expect.any(String), message: expect.any(String), request_id: r.headers.get("x-request-id") });
  expect(JSON.stringify(body)).not.toMatch(/\bat .+\.ts:\d+/);
  return body;
}

describe("the seed's CI/CD endpoints, exactly", () => {
  it("POST /api/trigger-pipeline starts a run: {success, run_id, status, workflow_id}", async () => {
    const r = await s.fetch("/api/trigger-pipeline", { headers: withKey(), json: { pipeline_id: "pl_web", branch: "main" } });
    expect(r.status).toBe(200);
    const body = (await r.json()) as { run_id: string };
    expect(body).toEqual({ success: true, run_id: expect.stringMatching(/^run_/), status: "running", workflow_id: "pl_web", number: 1235 });
    const run = await storeFor(s.runtime.core, "ws_default").require("PipelineRun", body.run_id);
    expect(run).toMatchObject({ pipeline_id: "pl_web", branch: "main", trigger: "manual" });
    const audit = await storeFor(s.runtime.core, "ws_default").find("AuditLog", { action: "trigger_pipeline", status: "success" });
    expect(audit.at(-1)?.details).toMatchObject({ api_key_id: expect.stringMatching(/^key_/) });
  });

  it("takes the seed's curl as written: JSON sent by curl -d without a Content-Type", async () => {
    const r = await fetch(`${s.url}/api/trigger-pipeline`, { method: "POST", headers: { ...withKey(), "content-type": "application/x-www-form-urlencoded" }, body: '{"pipeline_id": "pl_web"}' });
    expect(r.status).toBe(200);
  });

  it("holds a run for a protected environment until an admin approves it over HTTP", async () => {
    const r = await s.fetch("/api/trigger-pipeline", { headers: withKey(), json: { pipeline_id: "pl_prod" } });
    expect(r.status).toBe(202);
    const held = (await r.json()) as { approval_id: string; action: string };
    expect(held).toMatchObject({ success: false, status: "approval_required", tool: "trigger_pipeline", action: expect.stringContaining("production") });
    const store = storeFor(s.runtime.core, "ws_default");
    expect(await store.find("PipelineRun", { pipeline_id: "pl_prod" })).toHaveLength(0);
    // An API key cannot approve; a signed-in admin can, once.
    expect((await s.fetch(`/api/v1/approvals/${held.approval_id}`, { headers: withKey(), json: { approve: true } })).status).toBe(403);
    const decided = await s.fetch(`/api/v1/approvals/${held.approval_id}`, { headers: { authorization: `Bearer ${token}` }, json: { approve: true } });
    expect(decided.status).toBe(200);
    expect(await decided.json()).toMatchObject({ decision: "approved", result: { pipeline_id: "pl_prod", environment: "production" } });
    expect(await store.find("PipelineRun", { pipeline_id: "pl_prod" })).toHaveLength(1);
    await expectError(await s.fetch(`/api/v1/approvals/${held.approval_id}`, { headers: { authorization: `Bearer ${token}` }, json: { approve: true } }), 409, "CONFLICT");
  });

  it("GET /api/get-status answers {success, run} with the seed's fields", async () => {
    const r = await s.fetch("/api/get-status?run_id=run_1234", { headers: withKey() });
    expect(r.status).toBe(200);
    const body = (await r.json()) as { run: Record<string, unknown> };
    expect(body).toMatchObject({ success: true, run: { id: "run_1234", status: "failed", duration_seconds: expect.any(Number), deployment_url: null } });
    expect(body.run.steps).toEqual(expect.arrayContaining([expect.objectContaining({ name: "build", status: "failed" })]));
    expect((await (await s.fetch("/api/get-status?run_id=run_1233", { headers: withKey() })).json()) as object).toMatchObject({ run: { status: "success", deployment_url: "https://preview-1233.acme.example" } });
  });

  it("GET /api/get-config answers {success, config}", async () => {
    const r = await s.fetch("/api/get-config?pipeline_id=pl_web", { headers: withKey() });
    expect(r.status).toBe(200);
    expect(await r.json()).toMatchObject({
      success: true,
      config: { id: "pl_web", name: "webapp-pipeline", provider: "local", project_type: "nextjs", repository_name: "acme/webapp", branch: "main", build_command: "npm run build", triggers: { push: ["main"] }, quality_gates: { coverage: 80 } },
    });
  });

  it("POST /functions/createAPIKey takes an admin's access token and shows the key once", async () => {
    const r = await s.fetch("/functions/createAPIKey", {
      headers: { authorization: `Bearer ${token}` },
      json: { name: "Production Deploy Key", permissions: ["trigger_pipeline", "read_runs"], pipeline_ids: ["pl_web"], expires_in_days: 90 },
    });
    expect(r.status).toBe(200);
    const body = (await r.json()) as { plaintext_key: string; id: string };
    expect(body).toMatchObject({ success: true, id: expect.stringMatching(/^key_/), name: "Production Deploy Key", plaintext_key: expect.stringMatching(/^ffai_\w{36}$/), key_preview: expect.stringMatching(/^ffai_\.\.\.\w{4}$/) });
    const used = await s.fetch("/api/get-status?run_id=run_1234", { headers: { "x-api-key": body.plaintext_key } });
    expect(used.status).toBe(200);
    // Not with an API key, and not for a member.
    await expectError(await s.fetch("/functions/createAPIKey", { headers: withKey(), json: { name: "x", permissions: ["read_runs"] } }), 403, "FORBIDDEN");
    const member = await s.signIn("dev@acme.example");
    await expectError(await s.fetch("/functions/createAPIKey", { headers: { authorization: `Bearer ${member}` }, json: { name: "y", permissions: ["read_runs"] } }), 403, "FORBIDDEN");
  });

  it("POST /functions/sendWebhook queues the event for the pipeline's webhooks", async () => {
    const r = await s.fetch("/functions/sendWebhook", { headers: withKey(), json: { event_type: "run.completed", pipeline_id: "pl_web", payload: { run_id: "run_456", status: "success", duration: "2m 30s" } } });
    expect(r.status).toBe(200);
    const body = (await r.json()) as { deliveries: { id: string }[] };
    expect(body).toMatchObject({ success: true, event: "run.completed", pipeline_id: "pl_web", deliveries: [{ url: "https://hooks.acme.example/ci" }] });
    const delivery = await storeFor(s.runtime.core, "ws_default").require("WebhookDelivery", body.deliveries[0]!.id);
    expect(delivery).toMatchObject({ event: "run.completed", payload: expect.objectContaining({ data: { run_id: "run_456", status: "success", duration: "2m 30s" } }) });
  });

  it("answers every documented error with {error, message, code, request_id}", async () => {
    const missing = await expectError(await s.fetch("/api/trigger-pipeline", { headers: withKey(), json: {} }), 400, "VALIDATION");
    expect(missing).toMatchObject({ message: expect.stringContaining("pipeline_id"), field: "pipeline_id" });
    await expectError(await s.fetch("/api/get-status", { headers: withKey() }), 400, "VALIDATION");
    await expectError(await s.fetch("/api/trigger-pipeline", { headers: withKey({ "content-type": "application/json" }), method: "POST", body: "{nope" }), 400, "VALIDATION");
    await expectError(await s.fetch("/api/trigger-pipeline", { headers: withKey({ "content-type": "text/plain" }), method: "POST", body: "pl_web" }), 415, "UNSUPPORTED_MEDIA_TYPE");
    const noKey = await s.fetch("/api/get-status?run_id=run_1234");
    await expectError(noKey, 401, "UNAUTHORIZED");
    expect(noKey.headers.get("www-authenticate")).toContain("Bearer");
    const badFormat = await expectError(await s.fetch("/api/get-status?run_id=run_1234", { headers: { "x-api-key": "abc123" } }), 401, "UNAUTHORIZED");
    expect(badFormat.error).toBe("Invalid API key format");
    await expectError(await s.fetch("/api/get-status?run_id=run_nope", { headers: withKey() }), 404, "NOT_FOUND");
    await expectError(await s.fetch("/api/get-config?pipeline_id=pl_nope", { headers: withKey() }), 404, "NOT_FOUND");
    await expectError(await s.fetch("/api/nowhere"), 404, "NOT_FOUND");
    await expectError(await s.fetch("/api/trigger-pipeline", { headers: withKey(), json: { pipeline_id: "x".repeat(2_000_000) } }), 413, "PAYLOAD_TOO_LARGE");
  });

  it("sends security headers and no CORS headers", async () => {
    const r = await s.fetch("/api/get-status?run_id=run_1234", { headers: withKey({ origin: "https://evil.example" }) });
    expect(r.headers.get("x-content-type-options")).toBe("nosniff");
    expect(r.headers.get("x-frame-options")).toBe("DENY");
    expect(r.headers.get("content-security-policy")).toContain("default-src 'none'");
    expect(r.headers.get("access-control-allow-origin")).toBeNull();
    const preflight = await s.fetch("/api/trigger-pipeline", { method: "OPTIONS", headers: { origin: "https://evil.example", "access-control-request-method": "POST" } });
    expect(preflight.headers.get("access-control-allow-origin")).toBeNull();
  });
});

const corrupt = () => Promise.reject(new Error("SQLITE_CORRUPT: database disk image is malformed at /secret/path"));

describe("an unexpected failure", () => {
  it("answers 500 with the error shape and no internals", async () => {
    const broken = await startTestServer({ deps: { rateLimiter: { take: corrupt, peek: corrupt } } });
    try {
      const k = await broken.makeKey("k", ["read_runs"]);
      const r = await broken.fetch("/api/get-status?run_id=run_1", { headers: { "x-api-key": k } });
      const body = await r.text();
      expect(r.status).toBe(500);
      expect(JSON.parse(body)).toMatchObject({ error: "Internal server error", code: "INTERNAL", request_id: expect.stringMatching(/^req_/) });
      expect(body).not.toMatch(/SQLITE|secret|\.ts/);
    } finally {
      await broken.close();
    }
  });
});

describe("MCP mounted at /mcp", () => {
  it("serves the MCP tools to an API key, through the same door and rate limit", async () => {
    const client = await httpClient(`${s.url}/mcp`, { "x-api-key": key });
    try {
      const names = (await client.listTools()).tools.map((t) => t.name);
      expect(names).toContain("get_status");
      const result = await client.callTool({ name: "get_status", arguments: { run_id: "run_1234" } });
      expect(result.structuredContent).toMatchObject({ run: { id: "run_1234" } });
    } finally {
      await client.close();
    }
    const bucket = await s.db.kysely.selectFrom("rate_limit_buckets").selectAll().where("key", "like", "api_key:%").execute();
    expect(bucket.length).toBeGreaterThan(0);
  });
});
