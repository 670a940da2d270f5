import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { callTool, storeFor } from "../tools/door.js";
import { startTestServer, type TestServer } from "./testing/serve.js";

let s: TestServer;
let admin: Record<string, string>;
beforeAll(async () => {
  s = await startTestServer();
  admin = { authorization: `Bearer ${await s.signIn()}` };
});
afterAll(() => s.close());

const get = async (path: string, headers = admin) => {
  const r = await s.fetch(path, { headers });
  return { status: r.status, body: (await r.json()) as Record<string, any> };
};

describe("event ingestion", () => {
  it("counts a batch ingested twice once, and derives sessions from it", async () => {
    const key = await s.makeKey("tracker", ["events"]);
    const t0 = Date.parse("2026-03-01T10:00:00Z");
    const at = (m: number) => new Date(t0 + m * 60_000).toISOString();
    const batch = {
      events: [
        { event_id: "evt-1", event_name: "page_view", user_id: "visitor_x", properties: { path: "/home" }, timestamp: at(0) },
        { event_id: "evt-2", event_name: "page_view", user_id: "visitor_x", properties: { path: "/signup" }, timestamp: at(3) },
        { event_id: "evt-3", event_name: "signup", user_id: "visitor_x", timestamp: at(4) },
        { event_id: "evt-4", event_name: "page_view", user_id: "visitor_x", properties: { path: "/home" }, timestamp: at(90) },
      ],
    };
    const first = await s.fetch("/api/v1/events", { headers: { "x-api-key": key }, json: batch });
    expect(first.status).toBe(200);
    expect(await first.json()).toMatchObject({ accepted: 4, duplicates: 0, sessions: { created: 2, updated: 2 } });
    const again = await s.fetch("/api/v1/events", { headers: { "x-api-key": key }, json: batch });
    expect(await again.json()).toMatchObject({ accepted: 0, duplicates: 4, sessions: { created: 0, updated: 0 } });
    const events = await get("/api/v1/events?user_id=visitor_x");
    expect(events.body).toMatchObject({ total: 4, page: 1, size: 20, pages: 1 });
    const sessions = await get("/api/v1/sessions?user_id=visitor_x&sort=started_at&order=asc");
    expect(sessions.body.items.map((x: Record<string, unknown>) => [x.started_at, x.duration_seconds, x.page_views, x.entry_path])).toEqual([
      [at(0), 240, 2, "/home"],
      [at(90), 0, 1, "/home"],
    ]);
    // A key without the events permission, and a malformed batch, write nothing.
    const reader = await s.makeKey("no-events", ["read_runs"]);
    expect((await s.fetch("/api/v1/events", { headers: { "x-api-key": reader }, json: batch })).status).toBe(403);
    const bad = await s.fetch("/api/v1/events", { headers: { "x-api-key": key }, json: { events: [{ event_name: "x" }] } });
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({ field: "events.0.event_id" });
  });
});

describe("the entity API", () => {
  it("lists with seed 002's pagination, filters and sorting, and reads one", async () => {
    const page = await get("/api/v1/orders?status=paid&page=2&size=25&sort=total_amount&order=desc");
    expect(page.status).toBe(200);
    expect(page.body).toMatchObject({ total: 60, page: 2, size: 25, pages: 3 });
    expect(page.body.items).toHaveLength(25);
    const amounts = page.body.items.map((o: { total_amount: number }) => o.total_amount);
    expect(amounts).toEqual([...amounts].sort((a, b) => b - a));
    const one = await get(`/api/v1/orders/${page.body.items[0].id}`);
    expect(one.body).toMatchObject({ id: page.body.items[0].id, status: "paid", items: expect.any(Array) });
    expect((await get("/api/v1/orders?status=shipped")).status).toBe(400);
    expect((await get("/api/v1/orders?colour=red")).status).toBe(400);
    expect((await get("/api/v1/orders?size=1000")).status).toBe(400);
    expect((await get("/api/v1/orders/ord_nope")).status).toBe(404);
    // An API key with `tools` reads too, and each use is audited with the key.
    const key = await s.makeKey("reporting", ["tools"]);
    expect((await get("/api/v1/orders?size=1", { "x-api-key": key })).body.total).toBe(60);
    const audit = await storeFor(s.runtime.core, "ws_default").findOne("AuditLog", { event_type: "api_key_use", action: "list_orders" });
    expect(audit?.details).toMatchObject({ api_key_id: expect.stringMatching(/^key_/), count: 1 });
    expect((await get("/api/v1/orders", { "x-api-key": await s.makeKey("runs-only", ["read_runs"]) })).status).toBe(403);
  });

  it("never answers a password hash or a whole log in a list", async () => {
    const users = await get("/api/v1/users?role=admin");
    expect(users.body.items[0]).toMatchObject({ id: "usr_admin", email: "admin@acme.example" });
    expect(JSON.stringify(users.body)).not.toContain("scrypt");
    expect(JSON.stringify((await get("/api/v1/users/usr_admin")).body)).not.toContain("password_hash");
    const runs = await get("/api/v1/runs?pipeline_id=pl_web&size=5");
    expect(runs.body.items[0]).not.toHaveProperty("logs");
    expect((await get("/api/v1/runs/run_1234")).body.logs).toContain("error TS2304");
    const secrets = await get("/api/v1/secrets");
    expect(JSON.stringify(secrets.body)).not.toMatch(/postgres:\/\/|ffenc/);
  });

  it("reads by role: members all but the audit log, customers only their own rows, never another workspace", async () => {
    const member = { authorization: `Bearer ${await s.signIn("dev@acme.example")}` };
    expect((await get("/api/v1/orders", member)).status).toBe(200);
    expect((await get("/api/v1/audit-logs", member)).status).toBe(403);
    expect((await get("/api/v1/audit-logs")).status).toBe(200);
    const store = storeFor(s.runtime.core, "ws_default");
    await store.update("User", "usr_demo", { password_hash: (await store.require("User", "usr_dev")).password_hash });
    const customer = { authorization: `Bearer ${await s.signIn("user@example.com")}` };
    const own = await store.insert("Note", { content: "mine", owner_id: "usr_demo" });
    const notes = await get("/api/v1/notes", customer);
    expect(notes.body.items.map((n: { id: string }) => n.id)).toEqual([own.id]);
    const orders = await get("/api/v1/orders", customer);
    expect(orders.body.items.every((o: { user_id: string }) => o.user_id === "usr_demo")).toBe(true);
    expect((await get("/api/v1/pipelines", customer)).status).toBe(403);
    const adminsNote = (await store.findOne("Note", { owner_id: "usr_admin" }))!;
    expect((await get(`/api/v1/notes/${adminsNote.id}`, customer)).status).toBe(404);
    await s.fetch("/api/v1/auth/register", { json: { email: "elsewhere@example.com", password: "elsewhere password", full_name: "E" } });
    const outsider = { authorization: `Bearer ${await s.signIn("elsewhere@example.com", "elsewhere password")}` };
    expect((await get("/api/v1/orders", outsider)).body.total).toBe(0);
    expect((await get(`/api/v1/notes/${adminsNote.id}`, outsider)).status).toBe(404);
  });
});

describe("pipelines and webhooks", () => {
  it("creates, lists and deletes a pipeline (the deletion after approval)", async () => {
    const made = await s.fetch("/api/v1/pipelines", { headers: admin, json: { name: "docs-pipeline", build_command: "npm run docs", repository: "acme/docs" } });
    expect(made.status).toBe(201);
    const { config } = (await made.json()) as { config: { id: string } };
    expect((await get("/api/v1/pipelines?name=docs-pipeline")).body).toMatchObject({ total: 1, items: [{ id: config.id, build_command: "npm run docs" }] });
    const held = await s.fetch(`/api/v1/pipelines/${config.id}`, { method: "DELETE", headers: admin });
    expect(held.status).toBe(202);
    const { approval_id } = (await held.json()) as { approval_id: string };
    expect((await get(`/api/v1/pipelines/${config.id}`)).status).toBe(200);
    const done = await s.fetch(`/api/v1/approvals/${approval_id}`, { headers: admin, json: { approve: true } });
    expect(await done.json()).toMatchObject({ decision: "approved", result: { id: config.id, name: "docs-pipeline" } });
    expect((await get(`/api/v1/pipelines/${config.id}`)).status).toBe(404);
    expect((await s.fetch("/api/v1/pipelines/pl_nope", { method: "DELETE", headers: admin })).status).toBe(404);
  });

  it("creates a webhook with its signing secret shown once, and deletes it", async () => {
    const made = await s.fetch("/api/v1/webhooks", { headers: { ...admin, "idempotency-key": "hook-1" }, json: { url: "https://hooks.example.com/ci", events: ["run.failed"], pipeline: "webapp-pipeline" } });
    expect(made.status).toBe(201);
    const hook = (await made.json()) as { id: string; signing_secret: string };
    expect(hook.signing_secret).toMatch(/^whsec_/);
    const replay = (await (await s.fetch("/api/v1/webhooks", { headers: { ...admin, "idempotency-key": "hook-1" }, json: { url: "https://hooks.example.com/ci", events: ["run.failed"], pipeline: "webapp-pipeline" } })).json()) as { signing_secret: string };
    expect(replay.signing_secret).not.toBe(hook.signing_secret);
    const listed = await get("/api/v1/webhooks?pipeline_id=pl_web");
    expect(listed.body.items.map((w: { id: string }) => w.id)).toContain(hook.id);
    expect(JSON.stringify(listed.body)).not.toContain(hook.signing_secret);
    const held = await s.fetch(`/api/v1/webhooks/${hook.id}`, { method: "DELETE", headers: admin });
    expect(held.status).toBe(202);
  });
});

describe("an insight report's chart", () => {
  it("is served as SVG that runs nothing", async () => {
    const actor = { id: "usr_admin", role: "admin" as const, email: "admin@acme.example", full_name: "Alex Admin" };
    const made = await callTool(s.runtime.core, "analyze_funnel", { steps: ["/signup", "/checkout"], period_days: 28 }, { workspaceId: "ws_default", actor });
    const id = made.status === "ok" ? (made.output as { id: string }).id : "";
    const r = await s.fetch(`/api/v1/insights/${id}/chart.svg`, { headers: admin });
    expect(r.status).toBe(200);
    expect(r.headers.get("content-type")).toContain("image/svg+xml");
    expect(r.headers.get("content-security-policy")).toContain("sandbox");
    const svg = await r.text();
    expect(svg).toMatch(/^<svg[\s\S]*<\/svg>$/);
    expect(svg).not.toMatch(/<script|href=/i);
    const seeded = (await storeFor(s.runtime.core, "ws_default").findOne("InsightReport", { summary: "Seeded example report" }))!;
    expect((await s.fetch(`/api/v1/insights/${seeded.id}/chart.svg`, { headers: admin })).status).toBe(404);
  });
});
