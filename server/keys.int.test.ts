import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { storeFor } from "../tools/door.js";
import { dumpEveryRow } from "../entities/scratch.js";
import { startTestServer, type TestServer } from "./testing/serve.js";

let s: TestServer;
beforeAll(async () => {
  s = await startTestServer();
});
afterAll(() => s.close());

const status = (path: string, key: string) => s.fetch(path, { headers: { "x-api-key": key } });

describe("API keys over HTTP", () => {
  it("holds a key to its permissions: 403 naming the one it lacks", async () => {
    const reader = await s.makeKey("reader", ["read_runs"]);
    expect((await status("/api/get-status?run_id=run_1234", reader)).status).toBe(200);
    const r = await s.fetch("/api/trigger-pipeline", { headers: { "x-api-key": reader }, json: { pipeline_id: "pl_web" } });
    expect(r.status).toBe(403);
    expect(await r.json()).toMatchObject({ code: "FORBIDDEN", message: expect.stringContaining("trigger_pipeline") });
    expect((await status("/api/get-config?pipeline_id=pl_web", reader)).status).toBe(403);
    expect(await storeFor(s.runtime.core, "ws_default").find("PipelineRun", { trigger: "manual" })).toHaveLength(0);
  });

  it("holds a key to its pipelines: another pipeline is 403, and names nothing outside its scope", async () => {
    const scoped = await s.makeKey("web-only", ["read_runs", "read_config", "trigger_pipeline", "webhook"], { pipelines: ["webapp-pipeline"] });
    expect((await status("/api/get-config?pipeline_id=pl_web", scoped)).status).toBe(200);
    expect((await status("/api/get-status?run_id=run_1234", scoped)).status).toBe(200);
    for (const r of [
      await status("/api/get-config?pipeline_id=pl_api", scoped),
      await status("/api/get-config?pipeline_id=api-pipeline", scoped),
      await status("/api/get-config?pipeline_id=pl_nowhere", scoped),
      await s.fetch("/api/trigger-pipeline", { headers: { "x-api-key": scoped }, json: { pipeline_id: "pl_api" } }),
      await s.fetch("/functions/sendWebhook", { headers: { "x-api-key": scoped }, json: { event_type: "run.failed", pipeline_id: "pl_prod" } }),
    ]) {
      expect(r.status).toBe(403);
      const body = (await r.json()) as { message: string };
      expect(body.message).toMatch(/limited to pipeline pl_web/);
      expect(body.message).not.toMatch(/api-pipeline|webapp-release/);
    }
    const other = await storeFor(s.runtime.core, "ws_default").insert("PipelineRun", { pipeline_id: "pl_api", number: 7, status: "success", branch: "main" });
    expect((await status(`/api/get-status?run_id=${other.id}`, scoped)).status).toBe(403);
  });

  it("refuses an expired key (401) and a revoked one (401), and counts the uses of a good one", async () => {
    const store = storeFor(s.runtime.core, "ws_default");
    const short = await s.makeKey("short", ["read_runs"], { expires_in_days: 1 });
    const row = (await store.findOne("APIKey", { name: "short" }))!;
    expect((await status("/api/get-status?run_id=run_1234", short)).status).toBe(200);
    expect((await status("/api/get-status?run_id=run_1234", short)).status).toBe(200);
    expect(await store.require("APIKey", row.id)).toMatchObject({ usage_count: 2, last_used: expect.any(String) });
    await store.update("APIKey", row.id, { expires_at: new Date(Date.now() - 1000).toISOString() });
    const expired = await status("/api/get-status?run_id=run_1234", short);
    expect(expired.status).toBe(401);
    expect(await expired.json()).toMatchObject({ error: "API key expired", code: "UNAUTHORIZED" });

    const doomed = await s.makeKey("doomed", ["read_runs"]);
    const token = await s.signIn();
    const doomedRow = (await store.findOne("APIKey", { name: "doomed" }))!;
    const held = await s.fetch(`/api/v1/keys/${doomedRow.id}`, { method: "DELETE", headers: { authorization: `Bearer ${token}` } });
    expect(held.status).toBe(202);
    const { approval_id } = (await held.json()) as { approval_id: string };
    expect((await status("/api/get-status?run_id=run_1234", doomed)).status).toBe(200);
    expect((await s.fetch(`/api/v1/approvals/${approval_id}`, { headers: { authorization: `Bearer ${token}` }, json: { approve: true } })).status).toBe(200);
    const revoked = await status("/api/get-status?run_id=run_1234", doomed);
    expect(revoked.status).toBe(401);
    expect(await revoked.json()).toMatchObject({ error: "API key revoked" });
    expect((await store.require("APIKey", doomedRow.id)).usage_count).toBe(1);
  });

  it("lists keys to a signed-in admin without a key or a hash", async () => {
    const token = await s.signIn();
    const r = await s.fetch("/api/v1/keys", { headers: { authorization: `Bearer ${token}` } });
    expect(r.status).toBe(200);
    const text = await r.text();
    expect(JSON.parse(text).keys.length).toBeGreaterThan(2);
    expect(text).not.toMatch(/key_hash|[0-9a-f]{64}|ffai_[0-9A-Za-z]{36}/);
  });

  it("never keeps a plaintext key: created over HTTP, with an Idempotency-Key, and used", async () => {
    const token = await s.signIn();
    const made = await s.fetch("/functions/createAPIKey", { headers: { authorization: `Bearer ${token}`, "idempotency-key": "mint-1" }, json: { name: "dump-check", permissions: ["read_runs"] } });
    const { plaintext_key } = (await made.json()) as { plaintext_key: string };
    expect((await status("/api/get-status?run_id=run_1234", plaintext_key)).status).toBe(200);
    const replay = await s.fetch("/functions/createAPIKey", { headers: { authorization: `Bearer ${token}`, "idempotency-key": "mint-1" }, json: { name: "dump-check", permissions: ["read_runs"] } });
    expect(replay.headers.get("idempotent-replayed")).toBe("true");
    const replayed = (await replay.json()) as { plaintext_key: string };
    expect(replayed.plaintext_key).not.toBe(plaintext_key);
    expect(replayed.plaintext_key).not.toMatch(/^ffai_\w{36}$/);
    const everything = await dumpEveryRow(s.db);
    expect(everything).not.toContain(plaintext_key);
    expect(everything).not.toContain(plaintext_key.slice(5, 30));
  });
});

describe("rate limits", () => {
  it("429 with Retry-After once a key's bucket is empty, and the RateLimit headers on every answer", async () => {
    const limited = await startTestServer({ server: { rateLimit: { capacity: 3, windowSeconds: 3600 } } });
    try {
      const key = await limited.makeKey("burst", ["read_runs"]);
      const other = await limited.makeKey("other", ["read_runs"]);
      const answers: Response[] = [];
      for (let i = 0; i < 4; i++) answers.push(await limited.fetch("/api/get-status?run_id=run_1234", { headers: { "x-api-key": key } }));
      expect(answers.map((r) => r.status)).toEqual([200, 200, 200, 429]);
      const first = answers[0]!.headers;
      expect(first.get("ratelimit-policy")).toBe('"default";q=3;w=3600');
      expect(first.get("ratelimit")).toMatch(/^"default";r=2;t=\d+$/);
      expect(first.get("x-ratelimit-limit")).toBe("3");
      expect(first.get("x-ratelimit-remaining")).toBe("2");
      expect(Number(first.get("x-ratelimit-reset"))).toBeGreaterThan(Date.now() / 1000);
      const refused = answers[3]!;
      expect(Number(refused.headers.get("retry-after"))).toBeGreaterThanOrEqual(1);
      expect(Number(refused.headers.get("retry-after"))).toBeLessThanOrEqual(1200);
      expect(refused.headers.get("x-ratelimit-remaining")).toBe("0");
      expect(await refused.json()).toMatchObject({ code: "RATE_LIMITED", error: "Rate limit exceeded" });
      // Per key: another key still has its own bucket.
      expect((await limited.fetch("/api/get-status?run_id=run_1234", { headers: { "x-api-key": other } })).status).toBe(200);
    } finally {
      await limited.close();
    }
  });

  it("refills continuously (a token bucket, not a fixed window)", async () => {
    let now = Date.parse("2026-03-10T09:00:00Z");
    const limited = await startTestServer({ server: { rateLimit: { capacity: 2, windowSeconds: 60 } }, deps: { now: () => now } });
    try {
      const key = await limited.makeKey("tick", ["read_runs"]);
      const get = async () => (await limited.fetch("/api/get-status?run_id=run_1234", { headers: { "x-api-key": key } })).status;
      expect([await get(), await get(), await get()]).toEqual([200, 200, 429]);
      now += 29_000; // 0.97 of a token
      expect(await get()).toBe(429);
      now += 2_000;
      expect([await get(), await get()]).toEqual([200, 429]);
    } finally {
      await limited.close();
    }
  });
});

describe("idempotency", () => {
  it("replays the first answer, refuses another body under the key (422), and runs once", async () => {
    const key = await s.makeKey("idem", ["trigger_pipeline", "read_runs"]);
    const send = (body: unknown, idem = "deploy-42") => s.fetch("/api/trigger-pipeline", { headers: { "x-api-key": key, "idempotency-key": idem }, json: body });
    const first = await send({ pipeline_id: "pl_web" });
    const firstBody = await first.json();
    const again = await send({ pipeline_id: "pl_web" });
    expect(again.status).toBe(200);
    expect(again.headers.get("idempotent-replayed")).toBe("true");
    expect(await again.json()).toEqual(firstBody);
    const runs = await storeFor(s.runtime.core, "ws_default").find("PipelineRun", { pipeline_id: "pl_web", trigger: "manual" });
    expect(runs.filter((r) => r.id === (firstBody as { run_id: string }).run_id)).toHaveLength(1);
    const count = runs.length;
    const other = await send({ pipeline_id: "pl_web", branch: "develop" });
    expect(other.status).toBe(422);
    expect(await other.json()).toMatchObject({ code: "IDEMPOTENCY_KEY_REUSED" });
    expect(await storeFor(s.runtime.core, "ws_default").find("PipelineRun", { pipeline_id: "pl_web", trigger: "manual" })).toHaveLength(count);
    // A key belongs to its credential: another key may use the same value.
    const second = await s.makeKey("idem-2", ["trigger_pipeline"]);
    const theirs = await s.fetch("/api/trigger-pipeline", { headers: { "x-api-key": second, "idempotency-key": "deploy-42" }, json: { pipeline_id: "pl_web" } });
    expect(theirs.status).toBe(200);
    expect(theirs.headers.get("idempotent-replayed")).toBeNull();
  });

  it("answers 409 while the first request with the key still runs (here or on another server), and runs a racing burst once", async () => {
    const key = await s.makeKey("idem-race", ["trigger_pipeline"]);
    const store = storeFor(s.runtime.core, "ws_default");
    const keyId = (await store.findOne("APIKey", { name: "idem-race" }))!.id;
    const send = (idem: string) => s.fetch("/api/trigger-pipeline", { headers: { "x-api-key": key, "idempotency-key": idem }, json: { pipeline_id: "pl_web" } });
    const first = await send("race-0");
    const record = (await store.findOne("IdempotencyRecord", { scope: `http:api_key:${keyId}`, key: "race-0" }))!;
    await store.update("IdempotencyRecord", record.id, { status: "running" });
    const running = await send("race-0");
    expect(running.status).toBe(409);
    expect(await running.json()).toMatchObject({ code: "CONFLICT", field: "Idempotency-Key" });
    expect(first.status).toBe(200);

    const before = (await store.find("PipelineRun", { pipeline_id: "pl_web" })).length;
    const answers = await Promise.all([send("race-1"), send("race-1"), send("race-1"), send("race-1")]);
    expect(answers.every((r) => r.status === 200 || r.status === 409)).toBe(true);
    const runIds = new Set<string>();
    for (const r of answers) if (r.status === 200) runIds.add(((await r.json()) as { run_id: string }).run_id);
    expect(runIds.size).toBe(1);
    expect((await store.find("PipelineRun", { pipeline_id: "pl_web" })).length).toBe(before + 1);
  });

  it("keeps an answer 24 hours", async () => {
    let now = Date.now();
    const server = await startTestServer({ clock: { now: () => new Date(now) } });
    try {
      const key = await server.makeKey("ttl", ["trigger_pipeline"]);
      const send = () => server.fetch("/api/trigger-pipeline", { headers: { "x-api-key": key, "idempotency-key": "day" }, json: { pipeline_id: "pl_web" } });
      const a = (await (await send()).json()) as { run_id: string };
      now += 23 * 3600_000;
      expect(((await (await send()).json()) as { run_id: string }).run_id).toBe(a.run_id);
      now += 2 * 3600_000;
      expect(((await (await send()).json()) as { run_id: string }).run_id).not.toBe(a.run_id);
    } finally {
      await server.close();
    }
  });
});
