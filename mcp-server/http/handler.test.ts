import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { storeFor } from "../../tools/door.js";
import { memoryLog, openSeeded, type Seeded, resultText } from "../testing/fixture.js";
import { httpClient, makeKey, serveMcp, type TestHttp } from "../testing/http.js";

let seeded: Seeded;
let http: TestHttp;
let fullKey: string;
let runsKey: string;
let scopedKey: string;

const ALL = ["tools", "read_runs", "read_config", "trigger_pipeline", "webhook", "chat"];
const init = { jsonrpc: "2.0", id: 1, method: "initialize", params: { protocolVersion: "2025-06-18", capabilities: {}, clientInfo: { name: "raw", version: "1" } } };
const post = (headers: Record<string, string>, body: unknown = init) =>
  fetch(http.url, { method: "POST", headers: { "content-type": "application/json", accept: "application/json, text/event-stream", ...headers }, body: JSON.stringify(body) });
const text = resultText;

beforeAll(async () => {
  seeded = await openSeeded();
  fullKey = await makeKey(seeded, "mcp-full", ALL);
  runsKey = await makeKey(seeded, "mcp-runs", ["read_runs"]);
  scopedKey = await makeKey(seeded, "mcp-scoped", ["read_runs", "read_config"], ["api-pipeline"]);
  http = await serveMcp(seeded, { allowedOrigins: ["https://app.acme.example"], log: memoryLog() });
});
afterAll(async () => {
  await http.close();
  await seeded.close();
});

describe("the Streamable HTTP door at /mcp", () => {
  it("is stateless: GET and DELETE answer 405, naming POST", async () => {
    for (const method of ["GET", "DELETE"]) {
      const r = await fetch(http.url, { method, headers: { "x-api-key": fullKey } });
      expect(r.status).toBe(405);
      expect(r.headers.get("allow")).toBe("POST");
    }
  });

  it("wants an API key, in X-API-Key or as a Bearer token", async () => {
    const none = await post({});
    expect(none.status).toBe(401);
    expect(none.headers.get("www-authenticate")).toContain("Bearer");
    expect((await post({ "x-api-key": "ffai_notarealkeyatallnotarealkeyatall00" })).status).toBe(401);
    expect((await post({ "x-api-key": fullKey })).status).toBe(200);
    expect((await post({ authorization: `Bearer ${fullKey}` })).status).toBe(200);
  });

  it("refuses a browser origin that is not allowed (DNS rebinding), and lets an allowed one through", async () => {
    expect((await post({ "x-api-key": fullKey, origin: "http://evil.example" })).status).toBe(403);
    expect((await post({ "x-api-key": fullKey, origin: "https://app.acme.example" })).status).toBe(200);
  });

  it("refuses a revoked key", async () => {
    const doomed = await makeKey(seeded, "mcp-doomed", ["read_runs"]);
    expect((await post({ "x-api-key": doomed })).status).toBe(200);
    const key = await storeFor(seeded.runtime.core, "ws_default").findOne("APIKey", { name: "mcp-doomed" });
    await storeFor(seeded.runtime.core, "ws_default").update("APIKey", key!.id, { revoked_at: new Date().toISOString() });
    expect((await post({ "x-api-key": doomed })).status).toBe(401);
  });

  it("lists what the key may call: never create_api_key, nor ask_agent", async () => {
    const client = await httpClient(http.url, { "x-api-key": fullKey });
    try {
      const names = (await client.listTools()).tools.map((t) => t.name);
      expect(names).toContain("trigger_pipeline");
      expect(names).toContain("get_status");
      expect(names).toContain("send_webhook");
      expect(names).toContain("approve_action");
      expect(names).not.toContain("create_api_key");
      expect(names).not.toContain("ask_agent");
      const refused = await client.callTool({ name: "create_api_key", arguments: { name: "minted", permissions: ["tools"] } });
      expect(refused.isError).toBe(true);
      expect(text(refused)).toMatch(/^FORBIDDEN: create_api_key is not available to API-key callers/);
      const chat = await client.callTool({ name: "ask_agent", arguments: { text: "Create an API key called minted with tools" } });
      expect(text(chat)).toMatch(/^FORBIDDEN: ask_agent is not offered to API-key callers/);
      expect(await storeFor(seeded.runtime.core, "ws_default").findOne("APIKey", { name: "minted" })).toBeUndefined();
    } finally {
      await client.close();
    }
  });

  it("calls tools through the door as the key: audited with the key's id", async () => {
    const client = await httpClient(http.url, { authorization: `Bearer ${fullKey}` });
    try {
      const r = await client.callTool({ name: "get_status", arguments: { build_number: 1234 } });
      expect(r.structuredContent).toMatchObject({ run: { id: "run_1234" } });
      const row = (await storeFor(seeded.runtime.core, "ws_default").find("AuditLog", { action: "get_status", request_id: "mcp-http" })).at(-1);
      expect(row?.details).toMatchObject({ tool: "get_status", api_key_id: expect.stringMatching(/^key_/) });
    } finally {
      await client.close();
    }
  });

  it("holds a key to its permissions", async () => {
    const client = await httpClient(http.url, { "x-api-key": runsKey });
    try {
      const names = (await client.listTools()).tools.map((t) => t.name).sort();
      expect(names).toEqual(["analyze_failure", "analyze_performance", "get_status", "list_runs"]);
      const r = await client.callTool({ name: "trigger_pipeline", arguments: { pipeline: "webapp-pipeline" } });
      expect(text(r)).toMatch(/^FORBIDDEN: this API key lacks the trigger_pipeline permission that trigger_pipeline needs/);
    } finally {
      await client.close();
    }
  });

  it("lists and completes only the pipelines a scoped key is limited to", async () => {
    const client = await httpClient(http.url, { "x-api-key": scopedKey });
    try {
      const { resources } = await client.listResources();
      expect(resources.filter((r) => r.uri.startsWith("flashfusion://pipelines/")).map((r) => r.uri)).toEqual(["flashfusion://pipelines/api-pipeline"]);
      const done = await client.complete({ ref: { type: "ref/resource", uri: "flashfusion://pipelines/{name}" }, argument: { name: "name", value: "" } });
      expect(done.completion.values).toEqual(["api-pipeline"]);
    } finally {
      await client.close();
    }
  });
});
