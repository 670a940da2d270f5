import { HumanMessage, SystemMessage, type AIMessageChunk } from "@langchain/core/messages";
import { concat } from "@langchain/core/utils/stream";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { isLlmError } from "./errors.js";
import { routeInfoOf } from "./routed-model.js";
import type { LlmContext } from "./routing/dispatch.js";
import { TEST_TOOLS } from "./testing/fixtures.js";
import { createTestbed, PLATFORM_ANTHROPIC_KEY, PLATFORM_OPENAI_KEY, type Testbed } from "./testing/testbed.js";

let bed: Testbed;
beforeEach(async () => {
  bed = await createTestbed();
});
afterEach(() => bed.close());

const messages = [new SystemMessage("You are Copilot."), new HumanMessage("Add note: Call ACME Friday 9am")];
const ctx: LlmContext = { workspace_id: "ws_a", user_id: "usr_ada", agent: "Copilot", thread_id: "thr_1", run_id: "run_1" };
const noteCall = { id: "call_1", name: "add_note", arguments: { content: "Call ACME" } };

async function stream(router: ReturnType<Testbed["router"]>, context: LlmContext = ctx, signal?: AbortSignal) {
  let full: AIMessageChunk | undefined;
  const texts: string[] = [];
  for await (const chunk of await router.model.bindTools(TEST_TOOLS, { llm: context }).stream(messages, { signal })) {
    if (typeof chunk.content === "string" && chunk.content) texts.push(chunk.content);
    full = full ? concat(full, chunk) : chunk;
  }
  return { full: full!, texts, info: routeInfoOf(full)! };
}

async function failure(promise: Promise<unknown>) {
  const e = await promise.then(
    () => undefined,
    (err: unknown) => err,
  );
  if (!isLlmError(e)) throw new Error(`expected an LlmError, got ${String(e)}`);
  return e;
}

const usageRows = (workspaceId = "ws_a") => bed.store(workspaceId).find("LlmUsage", {}, { orderBy: "created_at" });

describe("the router: retries", () => {
  it("retries a 429 after the wait its Retry-After asked for (seconds), then succeeds", async () => {
    bed.openai.enqueue({ status: 429, headers: { "retry-after": "2" }, error: { message: "Rate limit reached" } }, { toolCalls: [noteCall] });
    const { full, info } = await stream(bed.router());
    expect(bed.waits).toEqual([2000]);
    expect(bed.openai.requests).toHaveLength(2);
    expect(full.tool_calls).toEqual([{ id: "call_1", name: "add_note", args: { content: "Call ACME" }, type: "tool_call" }]);
    expect(info).toMatchObject({ provider: "openai", model: "gpt-4o-mini", attempts: 2 });
    expect((await usageRows()).map((r) => [r.status, r.error_code, r.attempt])).toEqual([
      ["error", "http_429", 1],
      ["success", null, 2],
    ]);
  });

  it("honours a Retry-After given as an HTTP date, and the latest one when several come", async () => {
    const now = Date.parse("2026-03-10T09:00:00Z");
    bed.openai.enqueue(
      { status: 429, headers: { "retry-after": "1" } },
      { status: 503, headers: { "retry-after": new Date(now + 7000).toUTCString() } },
      { text: "ok" },
    );
    await stream(bed.router());
    expect(bed.waits).toEqual([1000, 7000]);
  });

  it("waits with exponential backoff and full jitter when the provider names no wait", async () => {
    bed.openai.enqueue({ status: 500 }, { status: 502 }, { text: "ok" });
    await stream(bed.router({ random: () => 0.5, retry: { baseDelayMs: 400 } }));
    expect(bed.waits).toEqual([200, 400]);
  });

  it("does not wait past 60 s: a longer Retry-After moves on to the next provider", async () => {
    bed.openai.enqueue({ status: 429, headers: { "retry-after": "120" } });
    bed.anthropic.enqueue({ text: "from anthropic" });
    const { info } = await stream(bed.router());
    expect(bed.waits).toEqual([]);
    expect(bed.openai.requests).toHaveLength(1);
    expect(info.provider).toBe("anthropic");
  });

  it("does not retry a 401: one request, then the next provider", async () => {
    bed.openai.enqueue({ status: 401, error: { message: "Incorrect API key provided" } });
    bed.anthropic.enqueue({ text: "from anthropic" });
    const { texts, info } = await stream(bed.router());
    expect(bed.openai.requests).toHaveLength(1);
    expect(bed.waits).toEqual([]);
    expect(texts.join("")).toBe("from anthropic");
    expect(info).toMatchObject({ provider: "anthropic", model: "claude-haiku-4-5", attempts: 2 });
  });

  it.each([400, 403, 404])("does not retry a %i", async (status) => {
    bed.openai.enqueue({ status });
    const e = await failure(stream(bed.router({ fallback: [] })));
    expect(bed.openai.requests).toHaveLength(1);
    expect(e.code).toBe("PROVIDER_API_ERROR");
    expect(e.details.status).toBe(status);
  });

  it("gives up on a provider after its attempts and says what each provider answered", async () => {
    bed.openai.enqueue({ status: 500 }, { status: 500 }, { status: 500 });
    bed.anthropic.enqueue({ status: 401 });
    const e = await failure(stream(bed.router()));
    expect(e.message).toBe("No model provider could answer: openai (gpt-4o-mini) answered 500 after 3 attempts; anthropic (claude-haiku-4-5) answered 401.");
    expect(e.details.providerError).toEqual({
      provider: "anthropic",
      status: 401,
      error: { type: "error", error: { type: "authentication_error", message: "stand-in error 401" } },
    });
  });

  it("times out an attempt that does not answer, and retries it", async () => {
    bed.openai.enqueue({ text: "late", delayMs: 400 }, { text: "on time" });
    const { texts } = await stream(bed.router({ timeoutMs: 100, fallback: [] }));
    expect(texts.join("")).toBe("on time");
    expect((await usageRows()).map((r) => r.error_code)).toEqual(["timeout", null]);
  });

  it("stops at once when the caller cancels: no retry, no fallback", async () => {
    bed.openai.enqueue({ text: "slow", delayMs: 1000 });
    const controller = new AbortController();
    const pending = stream(bed.router(), ctx, controller.signal).catch((err: unknown) => err);
    while (bed.openai.requests.length === 0) await new Promise((r) => setTimeout(r, 5));
    controller.abort();
    const e = await pending;
    expect((e as Error).name).toBe("AbortError");
    expect(bed.openai.requests).toHaveLength(1);
    expect(bed.anthropic.requests).toHaveLength(0);
    // The caller hears of the abort at once; the attempt's row is written as the request unwinds.
    await expect.poll(async () => (await usageRows()).map((r) => r.status)).toEqual(["cancelled"]);
  });
});

describe("the router: fallback", () => {
  it("falls back to the secondary when the primary answers 500s", async () => {
    bed.openai.enqueue({ status: 500 }, { status: 500 }, { status: 500 });
    bed.anthropic.enqueue({ text: "Noted.", toolCalls: [{ id: "toolu_1", name: "add_note", arguments: { content: "Call ACME" } }] });
    const { full, info } = await stream(bed.router());
    expect(full.tool_calls).toEqual([{ id: "toolu_1", name: "add_note", args: { content: "Call ACME" }, type: "tool_call" }]);
    expect(info).toMatchObject({ provider: "anthropic", attempts: 4 });
    expect(bed.anthropic.requests[0]!.apiKey).toBe(PLATFORM_ANTHROPIC_KEY);
  });

  it("moves on while nothing has been streamed: a stream cut before its first token falls back", async () => {
    bed.openai.enqueue({ text: "never seen", dropAfterEvents: 1 }, { text: "never seen", dropAfterEvents: 1 }, { text: "never seen", dropAfterEvents: 1 });
    bed.anthropic.enqueue({ text: "from anthropic" });
    const { texts } = await stream(bed.router());
    expect(texts.join("")).toBe("from anthropic");
  });

  it("does not move on after the first token: a stream cut mid-reply is an error, the secondary is never called", async () => {
    bed.openai.enqueue({ text: "Here is the beginning of a long answer", dropAfterEvents: 3 });
    const seen: string[] = [];
    const e = await failure(
      (async () => {
        for await (const chunk of await bed.router().model.bindTools(TEST_TOOLS, { llm: ctx }).stream(messages)) {
          if (typeof chunk.content === "string") seen.push(chunk.content);
        }
      })(),
    );
    expect(e.code).toBe("PROVIDER_API_ERROR");
    expect(seen.join("")).toBe("Here is the begi");
    expect(bed.openai.requests).toHaveLength(1);
    expect(bed.anthropic.requests).toHaveLength(0);
  });

  it("follows the workspace's own fallback order", async () => {
    await bed.store("ws_a").update("Workspace", "ws_a", { settings: { llm: { provider: "anthropic", fallback: ["local"] } } });
    bed.anthropic.enqueue({ status: 401 });
    const { info, full } = await stream(bed.router());
    expect(info.provider).toBe("local");
    expect(full.tool_calls?.[0]?.name).toBe("add_note");
    expect(bed.openai.requests).toHaveLength(0);
  });
});

describe("the router: choosing a provider", () => {
  it("with no key anywhere, answers with the local provider", async () => {
    const { full, info } = await stream(bed.router({ env: {} }));
    expect(info).toMatchObject({ provider: "local", model: "flashfusion-local", key_source: "none", cost_usd: 0, usage_id: null });
    expect(full.tool_calls?.[0]).toMatchObject({ name: "add_note", args: { content: "Call ACME" } });
    expect(bed.openai.requests).toHaveLength(0);
  });

  it("records the local provider's free calls only when asked to", async () => {
    await stream(bed.router({ env: {} }));
    expect(await usageRows()).toEqual([]);
    const { info } = await stream(bed.router({ env: {}, recordLocalCalls: true }));
    expect(await usageRows()).toMatchObject([{ id: info.usage_id, provider: "local", prompt_tokens: 0, cost_usd: 0, pricing_version: "2025-11-01" }]);
  });

  it("chooses per request, else per agent, else per workspace, else from the environment", async () => {
    const router = bed.router({ agents: { SignalSage: { provider: "anthropic", model: "claude-haiku-4-5" } } });
    await bed.store("ws_a").update("Workspace", "ws_a", { settings: { llm: { provider: "claude", model: "claude-opus-4-1", agents: { Copilot: { model: "gpt-4.1" } } } } });
    const pick = async (context: LlmContext) => (await stream(router, context)).info;
    expect(await pick({ ...ctx, provider: "openai", model: "gpt-4o" })).toMatchObject({ provider: "openai", model: "gpt-4o" });
    expect(await pick({ ...ctx, agent: "Copilot" })).toMatchObject({ provider: "openai", model: "gpt-4.1" });
    expect(await pick({ ...ctx, agent: "SignalSage" })).toMatchObject({ provider: "anthropic", model: "claude-haiku-4-5" });
    expect(await pick({ ...ctx, agent: "FlowDirector" })).toMatchObject({ provider: "anthropic", model: "claude-opus-4-1" });
    expect(await pick({ ...ctx, workspace_id: "ws_b", agent: "FlowDirector" })).toMatchObject({ provider: "openai", model: "gpt-4o-mini" });
    expect(bed.anthropic.requests.map((r) => r.model)).toEqual(["claude-haiku-4-5", "claude-opus-4-1"]);
  });

  it("reuses a workspace's settings for a moment, then reads them again", async () => {
    let now = Date.parse("2026-03-10T09:00:00Z");
    const router = bed.router({ now: () => now, workspaceCacheMs: 1000 });
    const pick = async () => (await stream(router)).info.provider;
    expect(await pick()).toBe("openai");
    await bed.store("ws_a").update("Workspace", "ws_a", { settings: { llm: { provider: "anthropic" } } });
    expect(await pick()).toBe("openai");
    now += 1000;
    expect(await pick()).toBe("anthropic");
  });

  it("refuses a provider chosen without any key", async () => {
    const e = await failure(stream(bed.router({ env: { OPENAI_API_KEY: "sk-x-000000000001" } }), { ...ctx, provider: "anthropic" }));
    expect(e.code).toBe("INVALID_REQUEST");
    expect(e.message).toBe("anthropic was chosen (by the request settings) but has no API key: set ANTHROPIC_API_KEY or add a workspace key for anthropic");
  });
});

describe("the router: usage and cost", () => {
  it("writes one row per call with exact costs for cached and uncached tokens", async () => {
    bed.openai.enqueue({ text: "ok", usage: { prompt_tokens: 1000, completion_tokens: 200, cached_tokens: 400 } });
    bed.anthropic.enqueue({ text: "ok", usage: { prompt_tokens: 10_000, completion_tokens: 500, cached_tokens: 6000, cache_write_tokens: 2000 } });
    const router = bed.router();
    const openai = await stream(router, { ...ctx, request_id: "req_1" });
    const anthropic = await stream(router, { ...ctx, request_id: "req_2", provider: "anthropic" });
    // gpt-4o-mini: 600 × $0.15 + 400 × $0.075 + 200 × $0.60 per million
    expect(openai.info.cost_usd).toBe(0.00024);
    // claude-haiku-4-5: 2000 × $1 + 6000 × $0.10 + 2000 × $1.25 + 500 × $5 per million
    expect(anthropic.info.cost_usd).toBe(0.0076);
    const rows = await usageRows();
    expect(rows.map(({ id: _id, created_at: _c, updated_at: _u, latency_ms: _l, ...rest }) => rest)).toEqual([
      {
        workspace_id: "ws_a",
        request_id: "req_1",
        provider: "openai",
        model: "gpt-4o-mini",
        key_source: "platform",
        user_id: "usr_ada",
        agent: "Copilot",
        thread_id: "thr_1",
        run_id: "run_1",
        attempt: 1,
        prompt_tokens: 1000,
        completion_tokens: 200,
        cached_tokens: 400,
        cache_write_tokens: 0,
        cost_usd: 0.00024,
        pricing_version: "2025-11-01",
        status: "success",
        error_code: null,
      },
      {
        workspace_id: "ws_a",
        request_id: "req_2",
        provider: "anthropic",
        model: "claude-haiku-4-5",
        key_source: "platform",
        user_id: "usr_ada",
        agent: "Copilot",
        thread_id: "thr_1",
        run_id: "run_1",
        attempt: 1,
        prompt_tokens: 10_000,
        completion_tokens: 500,
        cached_tokens: 6000,
        cache_write_tokens: 2000,
        cost_usd: 0.0076,
        pricing_version: "2025-11-01",
        status: "success",
        error_code: null,
      },
    ]);
    expect(await router.usageTotals("ws_a", { thread_id: "thr_1" })).toEqual({
      calls: 2,
      prompt_tokens: 11_000,
      completion_tokens: 700,
      cached_tokens: 6400,
      cost_usd: 0.00784,
      unpriced_calls: 0,
    });
    expect((await router.usageTotals("ws_a", { run_id: "run_other" })).calls).toBe(0);
  });

  it("records an unknown model's cost as null, never 0, and says so once", async () => {
    bed.openai.enqueue({ text: "ok", usage: { prompt_tokens: 10, completion_tokens: 5 } }, { text: "ok" });
    const router = bed.router();
    const { info } = await stream(router, { ...ctx, model: "gpt-9-experimental" });
    await stream(router, { ...ctx, model: "gpt-9-experimental" });
    expect(info.cost_usd).toBeNull();
    expect((await usageRows()).map((r) => [r.cost_usd, r.pricing_version])).toEqual([
      [null, null],
      [null, null],
    ]);
    expect(bed.logs.filter((l) => l.includes("no price"))).toEqual([
      "no price for openai/gpt-9-experimental in pricing table 2025-11-01; its calls are recorded with an unknown cost",
    ]);
    expect(await router.usageTotals("ws_a", { thread_id: "thr_1" })).toMatchObject({ calls: 2, cost_usd: 0, unpriced_calls: 2 });
  });

  it("prices a dated snapshot at its base model's rate", async () => {
    bed.openai.enqueue({ text: "ok", usage: { prompt_tokens: 1_000_000, completion_tokens: 0 } });
    const { info } = await stream(bed.router(), { ...ctx, model: "gpt-4o-2024-08-06" });
    expect(info.cost_usd).toBe(2.5);
  });
});

describe("the router: budgets", () => {
  it("refuses a call whose worst case would pass the workspace budget, before calling anyone", async () => {
    const store = bed.store("ws_a");
    await store.update("Workspace", "ws_a", { llm_budget_usd: 0.05 });
    await store.insert("LlmUsage", { provider: "openai", model: "gpt-4o", prompt_tokens: 1, completion_tokens: 1, cost_usd: 0.02, status: "success" });
    const router = bed.router();
    // gpt-4o: 4096 output tokens at $10 per million is $0.041 at worst: 0.02 + 0.041 > 0.05.
    const e = await failure(stream(router, { ...ctx, model: "gpt-4o" }));
    expect(e.code).toBe("QUOTA_EXCEEDED");
    expect(e.message).toMatch(/^This workspace's model budget of \$0\.05 would be exceeded: \$0\.0200 spent, \$0\.0300 left, and a call to openai\/gpt-4o may cost up to \$0\.04\d{2}/);
    expect(bed.openai.requests).toHaveLength(0);
    // A smaller ceiling fits.
    bed.openai.enqueue({ text: "ok" });
    const { info } = await stream(router, { ...ctx, model: "gpt-4o", params: { maxTokens: 500 } });
    expect(info.provider).toBe("openai");
  });

  it("lets the local provider answer whatever the budget, since it costs nothing", async () => {
    await bed.store("ws_a").update("Workspace", "ws_a", { llm_budget_usd: 0 });
    const { info } = await stream(bed.router(), { ...ctx, provider: "local" });
    expect(info.provider).toBe("local");
  });
});

describe("the router: keys", () => {
  const WORKSPACE_KEY = "sk-proj-workspace-a-secret-7f3a";

  async function everythingStored(): Promise<string> {
    const tables = bed.db.sqlite!.prepare("select name from sqlite_master where type = 'table'").all() as { name: string }[];
    return tables.map((t) => JSON.stringify(bed.db.sqlite!.prepare(`select * from "${t.name}"`).all())).join("\n");
  }

  it("uses a workspace's own key in place of the platform key, for that workspace only", async () => {
    const router = bed.router();
    expect(await router.keys.set("ws_a", "openai", WORKSPACE_KEY)).toMatchObject({ provider: "openai", key_preview: "sk-proj-…7f3a" });
    bed.openai.enqueue({ text: "a" }, { text: "b" });
    const a = await stream(router, { ...ctx, workspace_id: "ws_a" });
    const b = await stream(router, { ...ctx, workspace_id: "ws_b" });
    expect(bed.openai.requests.map((r) => r.apiKey)).toEqual([WORKSPACE_KEY, PLATFORM_OPENAI_KEY]);
    expect([a.info.key_source, b.info.key_source]).toEqual(["workspace", "platform"]);
    expect(await router.keys.list("ws_a")).toEqual([{ provider: "openai", key_preview: "sk-proj-…7f3a", updated_at: expect.stringMatching(/^2026-03-10T09:00:00/) }]);
    expect(await router.keys.remove("ws_a", "openai")).toBe(true);
    bed.openai.enqueue({ text: "c" });
    await stream(router, { ...ctx, workspace_id: "ws_a" });
    expect(bed.openai.requests.at(-1)!.apiKey).toBe(PLATFORM_OPENAI_KEY);
  });

  it("never shows the workspace key in logs, errors or the database", async () => {
    const router = bed.router({ fallback: [] });
    await router.keys.set("ws_a", "openai", WORKSPACE_KEY);
    // A provider that echoes the key it refused, as OpenAI does.
    bed.openai.enqueue({ status: 401, error: { message: `Incorrect API key provided: ${WORKSPACE_KEY}.` } });
    const e = await failure(stream(router));
    const shown = [e.message, JSON.stringify(e.details), ...bed.logs, await everythingStored()].join("\n");
    expect(shown).toContain("[redacted]");
    expect(shown).not.toContain(WORKSPACE_KEY);
    expect(shown).not.toContain("workspace-a-secret");
    expect(await everythingStored()).toContain("ffenc:v1:");
  });

  it("rests a workspace's failing key without ever resting the platform key", async () => {
    const router = bed.router({ fallback: [], cooldown: { failures: 2, cooldownMs: 60_000 } });
    await router.keys.set("ws_a", "openai", WORKSPACE_KEY);
    bed.openai.enqueue({ status: 401 }, { status: 401 });
    await failure(stream(router));
    await failure(stream(router));
    const resting = await failure(stream(router));
    expect(resting.message).toBe("No model provider could answer: openai is resting after repeated failures for 60 s.");
    expect(bed.openai.requests).toHaveLength(2);
    bed.openai.enqueue({ text: "platform key still fine" });
    const other = await stream(router, { ...ctx, workspace_id: "ws_b" });
    expect(other.texts.join("")).toBe("platform key still fine");
    expect(bed.openai.requests.at(-1)!.apiKey).toBe(PLATFORM_OPENAI_KEY);
  });
});
