import { createHmac } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Webhook as StandardWebhook } from "standardwebhooks";
import { afterEach, describe, expect, it } from "vitest";
import { fixedClock } from "../../../../entities/clock.js";
import { openTestDb } from "../../../../entities/scratch.js";
import { seededIds } from "../../../../entities/ids.js";
import { createCore } from "../../../core.js";
import { storeFor } from "../../../door.js";
import { createRegistry } from "../../../registry.js";
import type { PlatformEventName } from "../../../services.js";
import { createTestKit, TEST_SECRET_KEY, type TestKit } from "../../../testing.js";
import { webhookTools } from "../index.js";
import { eventually, installDispatcher, manualClock, startReceiver, type Answer, type Received, type Receiver } from "../testing.js";
import type { Dispatcher, DispatcherOptions } from "./dispatcher.js";
import { HostAllowlist } from "./endpoint-guard.js";

const cleanup: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const fn of cleanup.splice(0).reverse()) await fn();
});

const FAST = { backoff: { baseMs: 1_000, factor: 2, jitter: 0 }, timeoutMs: 2_000 };

async function receiver(answer?: (req: Received, index: number) => Answer): Promise<Receiver> {
  const r = await startReceiver(answer);
  cleanup.push(() => r.close());
  return r;
}

async function setup(options: DispatcherOptions = {}) {
  const kit = await createTestKit({ tools: webhookTools });
  await kit.store.insert("PipelineConfig", { id: "pl_web", name: "webapp-pipeline" });
  await kit.store.insert("PipelineConfig", { id: "pl_api", name: "api-pipeline" });
  const clock = manualClock();
  const dispatcher = await installDispatcher(kit.deps, {
    allowlist: new HostAllowlist(["127.0.0.1"]),
    now: clock.now,
    policy: FAST,
    ...options,
  });
  cleanup.push(async () => {
    await dispatcher.stop();
    await kit.close();
  });
  return { kit, clock, dispatcher };
}

async function createHook(kit: TestKit, url: string, events: PlatformEventName[], pipeline?: string) {
  const out = await kit.call("create_webhook", { url, events, pipeline });
  if (out.status !== "ok") throw new Error("expected ok");
  const o = out.output as { id: string; signing_secret: string };
  return { id: o.id, secret: o.signing_secret };
}

function emit(kit: TestKit, event: PlatformEventName, pipeline_id: string | null, data: Record<string, unknown> = {}) {
  kit.deps.services.events.emit({ workspace_id: "ws_default", event, pipeline_id, data, timestamp: "2026-03-10T09:00:00.000Z" });
}

const settle = (kit: TestKit) => kit.deps.services.background.settle(5_000);
const deliveries = (kit: TestKit) => kit.store.find("WebhookDelivery", {}, { orderBy: "created_at" });

function headersOf(r: Received): Record<string, string> {
  return Object.fromEntries(Object.entries(r.headers).map(([k, v]) => [k, Array.isArray(v) ? v.join(", ") : String(v)]));
}

/** The seed's Node snippet, adapted to the raw body instead of JSON.stringify(req.body). */
function seedVerify(rawBody: Buffer, headers: Record<string, string>, secret: string): boolean {
  const signature = headers["x-flashfusion-signature"];
  const expectedSignature = createHmac("sha256", secret).update(rawBody).digest("hex");
  return signature === expectedSignature;
}

describe("webhook delivery", () => {
  it("delivers the seed's payload to subscribed endpoints, signed so standardwebhooks and the seed's snippet verify it", async () => {
    const r = await receiver();
    const { kit } = await setup();
    const hook = await createHook(kit, r.url("/ci"), ["run.failed"], "webapp-pipeline");
    emit(kit, "run.failed", "pl_web", { run_id: "run_456", status: "failed", duration: "2m 30s" });
    emit(kit, "run.completed", "pl_web", { run_id: "run_457" }); // not subscribed
    emit(kit, "run.failed", "pl_api", { run_id: "run_9" }); // another pipeline
    await settle(kit);
    const [sent] = await eventually(async () => (r.requests.length === 1 ? r.requests : undefined));
    await settle(kit);
    expect(r.requests).toHaveLength(1);

    const headers = headersOf(sent!);
    const raw = sent!.body.toString("utf8");
    expect(new StandardWebhook(hook.secret).verify(raw, headers)).toEqual({
      event: "run.failed",
      timestamp: "2026-03-10T09:00:00.000Z",
      pipeline_id: "pl_web",
      data: { run_id: "run_456", status: "failed", duration: "2m 30s" },
    });
    expect(seedVerify(sent!.body, headers, hook.secret)).toBe(true);
    expect(headers["x-flashfusion-event"]).toBe("run.failed");
    expect(headers["content-type"]).toBe("application/json");

    // A changed byte or another key fails both checks.
    const tampered = Buffer.from(raw.replace("run_456", "run_457"));
    expect(() => new StandardWebhook(hook.secret).verify(tampered.toString(), headers)).toThrow();
    expect(seedVerify(tampered, headers, hook.secret)).toBe(false);
    expect(seedVerify(sent!.body, headers, `${hook.secret}x`)).toBe(false);

    const [row, ...others] = await deliveries(kit);
    expect(others).toHaveLength(0);
    expect(headers["webhook-id"]).toBe(row!.id);
    expect(row).toMatchObject({ webhook_id: hook.id, event: "run.failed", status: "delivered", attempt: 1, response_status: 200, next_attempt_at: null, error: null });
    expect(row!.latency_ms).toBeGreaterThanOrEqual(0);
  });

  it("retries a 500 with backoff and delivers once", async () => {
    const r = await receiver((_req, i) => ({ status: i === 0 ? 500 : 200 }));
    const { kit, clock, dispatcher } = await setup();
    await createHook(kit, r.url(), ["run.completed"]);
    emit(kit, "run.completed", "pl_web", { run_id: "run_1" });
    await settle(kit);
    const [failed] = await deliveries(kit);
    expect(failed).toMatchObject({ status: "pending", attempt: 1, response_status: 500, error: "the endpoint answered HTTP 500" });
    expect(Date.parse(failed!.next_attempt_at!) - Date.parse(failed!.last_attempt_at!)).toBe(1_000);

    dispatcher.wake(); // not due yet: nothing is sent
    await settle(kit);
    expect(r.requests).toHaveLength(1);

    clock.advance(1_000);
    dispatcher.wake();
    await settle(kit);
    const [done] = await deliveries(kit);
    expect(done).toMatchObject({ status: "delivered", attempt: 2, response_status: 200, error: null });
    expect(r.requests).toHaveLength(2);
    expect(r.requests[1]!.headers["webhook-id"]).toBe(r.requests[0]!.headers["webhook-id"]);
  });

  it("honours Retry-After when it asks for longer than the backoff", async () => {
    const r = await receiver((_req, i) => (i === 0 ? { status: 429, headers: { "retry-after": "30" } } : { status: 200 }));
    const { kit, clock, dispatcher } = await setup();
    await createHook(kit, r.url(), ["run.started"]);
    emit(kit, "run.started", "pl_web");
    await settle(kit);
    const [waiting] = await deliveries(kit);
    expect(Date.parse(waiting!.next_attempt_at!) - Date.parse(waiting!.last_attempt_at!)).toBe(30_000);
    clock.advance(29_000);
    dispatcher.wake();
    await settle(kit);
    expect(r.requests).toHaveLength(1);
    clock.advance(1_000);
    dispatcher.wake();
    await settle(kit);
    expect((await deliveries(kit))[0]).toMatchObject({ status: "delivered", attempt: 2 });
  });

  it("gives up after the last attempt", async () => {
    const r = await receiver(() => ({ status: 503 }));
    const { kit, clock, dispatcher } = await setup({ policy: { ...FAST, maxAttempts: 3 } });
    await createHook(kit, r.url(), ["run.failed"]);
    emit(kit, "run.failed", "pl_web");
    await settle(kit);
    for (const wait of [1_000, 2_000]) {
      clock.advance(wait);
      dispatcher.wake();
      await settle(kit);
    }
    const [row] = await deliveries(kit);
    expect(row).toMatchObject({ status: "failed", attempt: 3, next_attempt_at: null });
    expect(row!.error).toMatch(/gave up after 3 attempts; last: the endpoint answered HTTP 503/);
    expect(r.requests).toHaveLength(3);
  });

  it("a 410 disables the endpoint and ends what it still had queued", async () => {
    const r = await receiver(() => ({ status: 410 }));
    const { kit } = await setup({ policy: { ...FAST, concurrency: 1 } });
    const hook = await createHook(kit, r.url(), ["run.failed", "run.completed"]);
    emit(kit, "run.failed", "pl_web");
    emit(kit, "run.completed", "pl_web");
    await settle(kit);
    expect(r.requests).toHaveLength(1);
    expect(await kit.store.require("Webhook", hook.id)).toMatchObject({ active: false, disabled_reason: expect.stringMatching(/410 Gone/) });
    const rows = await deliveries(kit);
    expect(rows.map((d) => d.status)).toEqual(["dead", "dead"]);
    // Whichever event was queued first got the one attempt (the queue may commit them in either order).
    expect(rows.map((d) => d.response_status).sort()).toEqual([410, null]);

    emit(kit, "run.failed", "pl_web");
    await settle(kit);
    expect(await kit.store.count("WebhookDelivery")).toBe(2);
    expect(r.requests).toHaveLength(1);
  });

  it("sends at most 100 events a minute to an endpoint; the 101st waits and is delivered later", async () => {
    const r = await receiver();
    const { kit, clock, dispatcher } = await setup();
    await createHook(kit, r.url(), ["run.completed"]);
    for (let i = 0; i < 101; i++) emit(kit, "run.completed", "pl_web", { n: i });
    await settle(kit);
    const rows = await deliveries(kit);
    expect(rows.filter((d) => d.status === "delivered")).toHaveLength(100);
    const [held, ...rest] = rows.filter((d) => d.status !== "delivered");
    expect(rest).toHaveLength(0);
    expect(held).toMatchObject({ status: "pending", attempt: 0 });
    expect(Date.parse(held!.next_attempt_at!)).toBe(clock.now() + 60_000);
    expect(r.requests).toHaveLength(100);

    clock.advance(59_999);
    dispatcher.wake();
    await settle(kit);
    expect(r.requests).toHaveLength(100);

    clock.advance(1);
    dispatcher.wake();
    await settle(kit);
    expect(await kit.store.require("WebhookDelivery", held!.id)).toMatchObject({ status: "delivered", attempt: 1 });
    expect(r.requests).toHaveLength(101);
  });

  it("resumes queued and interrupted deliveries after a restart", async () => {
    const dir = mkdtempSync(join(tmpdir(), "ff-webhooks-"));
    cleanup.push(async () => rmSync(dir, { recursive: true, force: true }));
    const file = join(dir, "ff.db");
    const r = await receiver();

    // First process: the deliveries are queued, then it dies before sending them.
    const first = await createTestKit({ tools: webhookTools, file });
    await first.store.insert("PipelineConfig", { id: "pl_web", name: "webapp-pipeline" });
    const clock = manualClock();
    const dying = await installDispatcher(first.deps, { allowlist: new HostAllowlist(["127.0.0.1"]), now: clock.now, policy: FAST });
    await createHook(first, r.url(), ["run.failed"]);
    await dying.stop();
    for (const run_id of ["run_1", "run_2"]) {
      await first.call("send_webhook", { event_type: "run.failed", pipeline: "webapp-pipeline", payload: { run_id } });
    }
    const runOf = (d: { payload: Record<string, unknown> }) => (d.payload.data as { run_id: string }).run_id;
    const rows = await deliveries(first);
    const queued = rows.find((d) => runOf(d) === "run_1");
    const interrupted = rows.find((d) => runOf(d) === "run_2");
    // The second was mid-attempt when the process died: claimed, its lease still running.
    await first.store.update("WebhookDelivery", interrupted!.id, {
      status: "delivering",
      attempt: 1,
      last_attempt_at: new Date(clock.now()).toISOString(),
      next_attempt_at: new Date(clock.now() + 40_000).toISOString(),
    });
    await first.close();
    expect(r.requests).toHaveLength(0);

    // Second process on the same database file.
    const db = await openTestDb({ file });
    const core = createCore({ db, secretKey: TEST_SECRET_KEY, registry: createRegistry(webhookTools), clock: fixedClock("2026-03-10T09:05:00Z"), ids: seededIds(7) });
    const later = manualClock(clock.now() + 5_000);
    const dispatcher = await installDispatcher(core, { allowlist: new HostAllowlist(["127.0.0.1"]), now: later.now, policy: FAST });
    await core.start();
    cleanup.push(async () => {
      await dispatcher.stop();
      await core.stop();
      await db.close();
    });
    await core.services.background.settle(5_000);
    const store = storeFor(core, "ws_default");
    expect(await store.require("WebhookDelivery", queued!.id)).toMatchObject({ status: "delivered", attempt: 1 });
    expect(await store.require("WebhookDelivery", interrupted!.id)).toMatchObject({ status: "delivering" });

    // Once the dead process's claim expires, the interrupted delivery is sent again.
    later.advance(40_000);
    dispatcher.wake();
    await core.services.background.settle(5_000);
    expect(await store.require("WebhookDelivery", interrupted!.id)).toMatchObject({ status: "delivered", attempt: 2 });
    expect(r.requests.map((q) => JSON.parse(q.body.toString()).data.run_id)).toEqual(["run_1", "run_2"]);
  });

  it("refuses private and loopback addresses unless the host is allowlisted", async () => {
    const r = await receiver();
    const port = new URL(r.url()).port;
    const { kit } = await setup({
      allowlist: new HostAllowlist(["hooks.allowed.test"]),
      lookup: async (host) => (host === "hooks.internal.test" ? [{ address: "10.0.0.7", family: 4 }] : [{ address: "127.0.0.1", family: 4 }]),
    });
    // Rows written straight to the store: create_webhook itself would refuse the first two.
    const internal = await kit.store.insert("Webhook", { url: `https://hooks.internal.test:${port}/x`, events: ["run.failed"], secret: "whsec_QUJD" });
    const loopback = await kit.store.insert("Webhook", { url: `https://127.0.0.1:${port}/x`, events: ["run.failed"], secret: "whsec_QUJD" });
    const allowed = await kit.store.insert("Webhook", { url: `http://hooks.allowed.test:${port}/x`, events: ["run.failed"], secret: "whsec_QUJD" });
    emit(kit, "run.failed", "pl_web");
    await settle(kit);
    const byHook = new Map((await deliveries(kit)).map((d) => [d.webhook_id, d]));
    expect(byHook.get(internal.id)).toMatchObject({ status: "failed", attempt: 1, error: expect.stringMatching(/resolves to 10\.0\.0\.7, a private or loopback address/) });
    expect(byHook.get(loopback.id)).toMatchObject({ status: "failed", attempt: 1, error: expect.stringMatching(/127\.0\.0\.1 is a private or loopback address/) });
    // An allowlisted host may resolve to loopback, and plain http:// is fine for it.
    expect(byHook.get(allowed.id)).toMatchObject({ status: "delivered", attempt: 1, response_status: 200 });
    expect(r.requests).toHaveLength(1);
    expect(r.requests[0]!.headers.host).toBe(`hooks.allowed.test:${port}`);
  });

  it("keeps the signing secret out of deliveries, audit rows and logs", async () => {
    const r = await receiver();
    const { kit } = await setup();
    const hook = await createHook(kit, r.url(), ["run.failed"]);
    emit(kit, "run.failed", "pl_web");
    await settle(kit);
    await kit.call("list_webhooks", {});
    const rows = [...(await deliveries(kit)), ...(await kit.store.find("AuditLog")), ...(await kit.store.find("Webhook"))];
    expect(JSON.stringify(rows)).not.toContain(hook.secret);
    expect(JSON.stringify(rows)).not.toContain(hook.secret.slice(6, 20));
    expect(JSON.stringify(r.requests.map((q) => ({ ...q.headers, body: q.body.toString() })))).not.toContain(hook.secret.slice(6));
  });
});
