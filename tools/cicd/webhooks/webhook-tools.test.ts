import { afterEach, describe, expect, it } from "vitest";
import { createTestKit, type TestKit } from "../../testing.js";
import { HostAllowlist } from "./dispatcher/endpoint-guard.js";
import type { Dispatcher } from "./dispatcher/dispatcher.js";
import { webhookTools } from "./index.js";
import { installDispatcher, startReceiver, type Receiver } from "./testing.js";

let kit: TestKit;
let dispatcher: Dispatcher;
let receiver: Receiver | undefined;
afterEach(async () => {
  await kit.deps.services.background.settle(5_000);
  await dispatcher.stop();
  await kit.close();
  await receiver?.close();
  receiver = undefined;
});

async function setup(allow: string[] = []) {
  kit = await createTestKit({ tools: webhookTools });
  await kit.store.insert("PipelineConfig", { id: "pl_web", name: "webapp-pipeline" });
  await kit.store.insert("PipelineConfig", { id: "pl_api", name: "api-pipeline" });
  dispatcher = await installDispatcher(kit.deps, { allowlist: new HostAllowlist(allow) });
}

async function ok<T>(name: string, input: unknown): Promise<{ output: T; reply: string }> {
  const out = await kit.callApproved(name, input);
  if (out.status !== "ok") throw new Error(`${name} did not run`);
  return { output: out.output as T, reply: out.reply };
}

type Created = { id: string; url: string; events: string[]; pipeline: { id: string; name: string } | null; signing_secret: string };

describe("webhook tools", () => {
  it("creates the eval's webhook and shows its signing secret once, stored only encrypted", async () => {
    await setup();
    const { output, reply } = await ok<Created>("create_webhook", {
      url: "https://hooks.example.com/ci",
      events: ["run.failed"],
      pipeline: "webapp-pipeline",
    });
    expect(output).toMatchObject({ url: "https://hooks.example.com/ci", events: ["run.failed"], pipeline: { id: "pl_web", name: "webapp-pipeline" } });
    expect(output.signing_secret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
    expect(Buffer.from(output.signing_secret.slice(6), "base64")).toHaveLength(32);
    expect(reply).toContain(output.signing_secret);
    expect(reply).toMatch(/run\.failed on webapp-pipeline/);

    const [row] = await kit.store.find("Webhook");
    expect(row).toMatchObject({ url: "https://hooks.example.com/ci", events: ["run.failed"], pipeline_id: "pl_web", active: true });
    expect(await kit.store.reveal("Webhook", row!.id, "secret")).toBe(output.signing_secret);
    const raw = await kit.db.kysely.selectFrom("webhooks").selectAll().execute();
    expect(String(raw[0]!.secret_enc)).toMatch(/^ffenc:v1:/);
    expect(JSON.stringify(raw)).not.toContain(output.signing_secret.slice(6));

    const listed = await ok<unknown>("list_webhooks", {});
    const audit = await kit.store.find("AuditLog");
    for (const text of [JSON.stringify(listed), JSON.stringify(audit)]) expect(text).not.toContain(output.signing_secret.slice(6));
    expect(listed.reply).toMatch(/https:\/\/hooks\.example\.com\/ci: run\.failed on webapp-pipeline; active; no deliveries yet/);
  });

  it("accepts a pipeline id, and every pipeline when none is named", async () => {
    await setup();
    expect((await ok<Created>("create_webhook", { url: "https://a.example.com/h", events: ["deployment.success"], pipeline: "pl_api" })).output.pipeline).toEqual({ id: "pl_api", name: "api-pipeline" });
    const all = await ok<Created>("create_webhook", { url: "https://b.example.com/h", events: ["run.started", "run.started", "run.completed"] });
    expect(all.output).toMatchObject({ pipeline: null, events: ["run.started", "run.completed"] });
    expect(all.reply).toMatch(/on every pipeline/);
  });

  it("refuses http:// unless the allowlist permits the host", async () => {
    await setup(["ci.internal"]);
    await expect(kit.call("create_webhook", { url: "http://hooks.example.com/ci", events: ["run.failed"] })).rejects.toMatchObject({
      code: "VALIDATION",
      details: { field: "url" },
      message: expect.stringMatching(/plain http:\/\/ is refused for hooks\.example\.com; use https:\/\/ \(or add the host to FLASHFUSION_WEBHOOK_ALLOWLIST/),
    });
    await ok("create_webhook", { url: "http://ci.internal:8080/hook", events: ["run.failed"] });
    expect(await kit.store.count("Webhook")).toBe(1);
  });

  it("refuses private, loopback and link-local addresses and URLs with credentials", async () => {
    await setup();
    for (const url of ["https://10.1.2.3/hook", "https://169.254.169.254/latest/meta-data", "https://[::1]/hook", "https://localhost:8443/hook", "https://u:p@hooks.example.com/x"]) {
      await expect(kit.call("create_webhook", { url, events: ["run.failed"] }), url).rejects.toMatchObject({ code: "VALIDATION", details: { field: "url" } });
    }
    expect(await kit.store.count("Webhook")).toBe(0);
  });

  it("names an unknown pipeline and refuses a duplicate endpoint", async () => {
    await setup();
    await expect(kit.call("create_webhook", { url: "https://hooks.example.com/ci", events: ["run.failed"], pipeline: "nope-pipeline" })).rejects.toMatchObject({
      code: "NOT_FOUND",
      message: expect.stringMatching(/No pipeline "nope-pipeline".*api-pipeline; webapp-pipeline/),
    });
    await ok("create_webhook", { url: "https://hooks.example.com/ci", events: ["run.failed"], pipeline: "webapp-pipeline" });
    await expect(kit.call("create_webhook", { url: "https://hooks.example.com/ci", events: ["run.completed"], pipeline: "webapp-pipeline" })).rejects.toMatchObject({ code: "CONFLICT" });
    await ok("create_webhook", { url: "https://hooks.example.com/ci", events: ["run.completed"], pipeline: "api-pipeline" });
    await expect(kit.call("create_webhook", { url: "https://hooks.example.com/ci", events: [] })).rejects.toMatchObject({ code: "VALIDATION", details: { field: "events" } });
  });

  it("sends the seed's manual event to the subscribed endpoints only", async () => {
    receiver = await startReceiver();
    await setup(["127.0.0.1"]);
    const wanted = await ok<Created>("create_webhook", { url: receiver.url("/web"), events: ["run.completed"], pipeline: "webapp-pipeline" });
    await ok("create_webhook", { url: receiver.url("/api"), events: ["run.completed"], pipeline: "api-pipeline" });
    await ok("create_webhook", { url: receiver.url("/fail"), events: ["run.failed"] });
    const sent = await ok<{ deliveries: { id: string; url: string }[] }>("send_webhook", {
      event_type: "run.completed",
      pipeline: "webapp-pipeline",
      payload: { run_id: "run_456", status: "success", duration: "2m 30s" },
    });
    expect(sent.output.deliveries).toEqual([{ id: expect.any(String), webhook_id: wanted.output.id, url: receiver.url("/web") }]);
    expect(sent.reply).toMatch(/Queued run\.completed for webapp-pipeline to 1 endpoint/);
    await kit.deps.services.background.settle(5_000);
    expect(receiver.requests.map((r) => r.path)).toEqual(["/web"]);
    expect(JSON.parse(receiver.requests[0]!.body.toString())).toEqual({
      event: "run.completed",
      timestamp: "2026-03-10T09:00:00.000Z",
      pipeline_id: "pl_web",
      data: { run_id: "run_456", status: "success", duration: "2m 30s" },
    });

    const text = await ok<{ deliveries: unknown[] }>("send_webhook", { event_type: "run.failed", pipeline: "pl_api", payload: "tests are red on main" });
    expect((await kit.store.require("WebhookDelivery", (text.output.deliveries[0] as { id: string }).id)).payload).toMatchObject({ data: { message: "tests are red on main" } });
    const none = await ok<{ deliveries: unknown[] }>("send_webhook", { event_type: "deployment.success", pipeline: "api-pipeline" });
    expect(none.output.deliveries).toEqual([]);
    expect(none.reply).toMatch(/No active webhook receives deployment\.success for api-pipeline; nothing was sent/);
  });

  it("needs the webhook permission over an API key to send", async () => {
    await setup();
    await expect(
      kit.call("send_webhook", { event_type: "run.failed", pipeline: "webapp-pipeline" }, { apiKey: { id: "key_1", permissions: ["tools"], pipeline_ids: [] } }),
    ).rejects.toMatchObject({ code: "FORBIDDEN" });
  });

  it("deletes a webhook by URL after approval and drops what it had queued", async () => {
    await setup();
    const hook = await ok<Created>("create_webhook", { url: "https://hooks.example.com/ci", events: ["run.failed"], pipeline: "webapp-pipeline" });
    await dispatcher.stop(); // keep the delivery queued
    await ok("send_webhook", { event_type: "run.failed", pipeline: "webapp-pipeline" });

    const asked = await kit.call("delete_webhook", { url: "https://hooks.example.com/ci" });
    expect(asked).toMatchObject({
      status: "approval_required",
      approval: { summary: `Delete webhook ${hook.output.id} to https://hooks.example.com/ci (run.failed on webapp-pipeline) and drop its 1 queued delivery` },
    });
    expect(await kit.store.count("Webhook")).toBe(1);

    const done = await ok<{ dropped_deliveries: number }>("delete_webhook", { url: "hooks.example.com/ci" });
    expect(done.output.dropped_deliveries).toBe(1);
    expect(await kit.store.count("Webhook")).toBe(0);
    expect(await kit.store.find("WebhookDelivery")).toMatchObject([{ status: "dead", error: "the webhook was deleted" }]);
    await expect(kit.call("delete_webhook", { webhook: hook.output.id })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(kit.call("delete_webhook", {})).rejects.toMatchObject({ code: "VALIDATION", details: { ask: true } });
  });

  it("lists endpoints with their state, last delivery and queue", async () => {
    receiver = await startReceiver(() => ({ status: 410 }));
    await setup(["127.0.0.1"]);
    await ok("create_webhook", { url: receiver.url("/gone"), events: ["run.failed"], pipeline: "webapp-pipeline" });
    await ok("create_webhook", { url: "https://hooks.example.com/api", events: ["run.completed"], pipeline: "api-pipeline" });
    await ok("send_webhook", { event_type: "run.failed", pipeline: "webapp-pipeline" });
    await kit.deps.services.background.settle(5_000);

    const all = await ok<{ webhooks: { url: string; active: boolean; last_delivery: { response_status: number } | null }[] }>("list_webhooks", {});
    expect(all.output.webhooks.map((w) => [w.url, w.active, w.last_delivery?.response_status ?? null])).toEqual([
      [receiver.url("/gone"), false, 410],
      ["https://hooks.example.com/api", true, null],
    ]);
    expect(all.reply).toMatch(/disabled \(.*410 Gone.*\); last delivery run\.failed dead \(HTTP 410\)/);
    const web = await ok<{ webhooks: unknown[] }>("list_webhooks", { pipeline: "webapp-pipeline" });
    expect(web.output.webhooks).toHaveLength(1);
  });
});
