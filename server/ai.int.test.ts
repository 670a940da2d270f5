import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ensureWorkspace } from "../entities/workspace.js";
import { storeFor } from "../tools/door.js";
import { startTestServer, type TestServer } from "./testing/serve.js";

let s: TestServer;
let token: string;
beforeAll(async () => {
  s = await startTestServer();
  token = await s.signIn();
});
afterAll(() => s.close());

const ask = (body: unknown, headers: Record<string, string> = { authorization: `Bearer ${token}` }) => s.fetch("/api/v1/ai/chat", { headers, json: body });

describe("POST /api/v1/ai/chat (seed 004 §1.3)", () => {
  it("answers exactly the success shape", async () => {
    const r = await ask({ prompt: "Hello there", system_prompt: "Be brief.", history: [{ role: "user", content: "hi" }, { role: "assistant", content: "hello" }], parameters: { max_tokens: 50, temperature: 0.2 }, request_id: "req-7c1e" });
    expect(r.status).toBe(200);
    const body = (await r.json()) as { provider_response: { usage: { prompt_tokens: number; completion_tokens: number; total_tokens: number } } };
    expect(body).toEqual({
      status: "success",
      request_id: "req-7c1e",
      provider_response: {
        id: expect.any(String),
        choices: [{ message: { role: "assistant", content: expect.any(String) }, finish_reason: "stop" }],
        usage: { prompt_tokens: expect.any(Number), completion_tokens: expect.any(Number), total_tokens: expect.any(Number) },
      },
    });
    const u = body.provider_response.usage;
    expect(u.total_tokens).toBe(u.prompt_tokens + u.completion_tokens);
  });

  it("answers exactly the error shape, with the request's id", async () => {
    const r = await ask({ prompt: "Hello", parameters: { temperature: 3 }, request_id: "req-bad" });
    expect(r.status).toBe(400);
    expect(await r.json()).toEqual({
      status: "error",
      request_id: "req-bad",
      error: { code: "INVALID_REQUEST", message: "The request is not valid: parameters.temperature: Too big: expected number to be <=2" },
    });
    const noPrompt = await ask({ model: "gpt-4" });
    expect(noPrompt.status).toBe(400);
    expect(await noPrompt.json()).toEqual({ status: "error", request_id: noPrompt.headers.get("x-request-id"), error: { code: "INVALID_REQUEST", message: expect.stringContaining("prompt") } });
    const notJson = await s.fetch("/api/v1/ai/chat", { headers: { authorization: `Bearer ${token}`, "content-type": "application/json" }, method: "POST", body: "{oops" });
    expect(await notJson.json()).toMatchObject({ status: "error", error: { code: "INVALID_REQUEST" } });
    const unknownUser = await ask({ prompt: "Hi", user_id: "usr_nobody", request_id: "r3" });
    expect(await unknownUser.json()).toEqual({ status: "error", request_id: "r3", error: { code: "INVALID_REQUEST", message: expect.stringContaining("usr_nobody") } });
  });

  it("reads seed 002's {model, messages} form too, and fills in the caller's workspace and user", async () => {
    const r = await ask({ model: "local", messages: [{ role: "system", content: "Be brief." }, { role: "user", content: "Explain quantum computing" }], max_tokens: 500, temperature: 0.7 });
    expect(r.status).toBe(200);
    expect(await r.json()).toMatchObject({ status: "success", request_id: r.headers.get("x-request-id") });
    const other = await ask({ prompt: "Hi", workspace_id: "ws_someone_else" });
    expect(other.status).toBe(403);
    expect(await other.json()).toMatchObject({ code: "FORBIDDEN", field: "workspace_id" });
    const key = await s.makeKey("no-chat", ["read_runs"]);
    expect((await ask({ prompt: "Hi" }, { "x-api-key": key })).status).toBe(403);
  });
});

describe("GET /api/v1/analytics/usage (seed 002)", () => {
  it("adds up the workspace's model calls: calls, tokens, cost by provider, latency, success rate", async () => {
    const store = storeFor(s.runtime.core, "ws_default");
    const row = { model: "m", user_id: "usr_admin", attempt: 1 };
    await store.insert("LlmUsage", { ...row, provider: "openai", prompt_tokens: 1000, completion_tokens: 500, cost_usd: 25.5, latency_ms: 2000, status: "success" });
    await store.insert("LlmUsage", { ...row, provider: "anthropic", prompt_tokens: 300, completion_tokens: 200, cost_usd: 18.2, latency_ms: 3000, status: "success" });
    await store.insert("LlmUsage", { ...row, provider: "openai", prompt_tokens: 0, completion_tokens: 0, cost_usd: null, latency_ms: 2500, status: "error", error_code: "PROVIDER_API_ERROR" });
    // Another workspace's calls are not counted.
    await ensureWorkspace(s.db.kysely, "ws_other");
    await storeFor(s.runtime.core, "ws_other").insert("LlmUsage", { ...row, provider: "openai", prompt_tokens: 9999, completion_tokens: 1, cost_usd: 99, latency_ms: 1, status: "success" });
    const r = await s.fetch("/api/v1/analytics/usage", { headers: { authorization: `Bearer ${token}` } });
    expect(r.status).toBe(200);
    expect(await r.json()).toEqual({
      api_calls_count: 3,
      total_tokens_used: 2000,
      cost_breakdown: { local: 0, openai: 25.5, anthropic: 18.2 },
      performance_metrics: { avg_response_time: 2.5, success_rate: 0.6667 },
    });
    const later = await s.fetch(`/api/v1/analytics/usage?from=${encodeURIComponent(new Date(Date.now() + 60_000).toISOString())}`, { headers: { authorization: `Bearer ${token}` } });
    expect(await later.json()).toMatchObject({ api_calls_count: 0, performance_metrics: { success_rate: 1 } });
    expect((await s.fetch("/api/v1/analytics/usage?from=yesterday", { headers: { authorization: `Bearer ${token}` } })).status).toBe(400);
  });
});
