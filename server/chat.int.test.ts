import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { dumpEveryRow } from "../entities/scratch.js";
import { storeFor } from "../tools/door.js";
import { startTestServer, type TestServer } from "./testing/serve.js";
import { collectSse, readSse, type SseEvent } from "./testing/sse.js";

let s: TestServer;
let token: string;
beforeAll(async () => {
  s = await startTestServer();
  token = await s.signIn();
});
afterAll(() => s.close());

const auth = (t = token) => ({ authorization: `Bearer ${t}` });
const chat = (body: Record<string, unknown>, t = token) => s.fetch("/api/v1/chat", { headers: auth(t), json: body });
const seqOf = (e: SseEvent) => Number(e.id!.split(":")[1]);

/** A server whose next turn is held right after it starts (holding its thread) until released. */
async function gatedServer() {
  let gate: Promise<void> | undefined;
  const server = await startTestServer({
    wrapRuntime: (runtime) => ({
      ...runtime,
      chat: (input) => {
        const hold = gate;
        gate = undefined;
        return (async function* () {
          for await (const e of runtime.chat(input)) {
            yield e;
            if (hold && e.type === "thread") await hold;
          }
        })();
      },
    }),
  });
  return {
    server,
    holdNextTurn(): () => void {
      let release!: () => void;
      gate = new Promise<void>((resolve) => (release = resolve));
      return release;
    },
  };
}

describe("POST /api/v1/chat", () => {
  it("streams the turn's typed events as SSE: thread first, done last, numbered, each after the agent naming it", async () => {
    const r = await chat({ message: "Add note: Call ACME Friday 9am" });
    expect(r.status).toBe(200);
    expect(r.headers.get("content-type")).toContain("text/event-stream");
    const events = await collectSse(r);
    expect(events[0]).toMatchObject({ event: "thread", data: { type: "thread", thread_id: expect.stringMatching(/^thr_/) } });
    const threadId = events[0]!.data.type === "thread" ? events[0]!.data.thread_id : "";
    expect(events.at(-1)).toMatchObject({ event: "done", data: { type: "done", thread_id: threadId, status: "completed", agent: "Copilot" } });
    expect(events.map((e) => e.id)).toEqual(events.map((_, i) => `${threadId}:${i + 1}`));
    expect(events.map((e) => e.event)).toEqual(expect.arrayContaining(["agent", "tool_start", "tool_end", "message", "usage"]));
    const agentAt = events.findIndex((e) => e.event === "agent");
    for (const e of events.slice(agentAt)) expect(e.data.agent, e.event).toBe("Copilot");
    for (const e of events) expect(e.event).toBe(e.data.type);
    const note = await storeFor(s.runtime.core, "ws_default").findOne("Note", { owner_id: "usr_admin" }, { orderBy: "created_at", direction: "desc" });
    expect(note?.content).toMatch(/Call ACME/);

    // The thread continues, its numbers go on, and the history reads back.
    const second = await collectSse(await chat({ message: "Show my projects", thread_id: threadId }));
    expect(seqOf(second[0]!)).toBe(events.length + 1);
    const detail = (await (await s.fetch(`/api/v1/threads/${threadId}`, { headers: auth() })).json()) as Record<string, unknown>;
    expect(detail).toMatchObject({
      id: threadId,
      status: "idle",
      current_agent: "Copilot",
      pending_approval: null,
      last_event_id: second.at(-1)!.id,
      messages: [
        { role: "user", text: "Add note: Call ACME Friday 9am", at: expect.any(String) },
        { role: "assistant", agent: "Copilot", kind: "answer", text: expect.stringMatching(/note/i), tools: [{ tool: "add_note", status: "ok", chart_svg: null }] },
        { role: "user", text: "Show my projects" },
        { role: "assistant", agent: "Copilot", text: expect.stringContaining("Website Relaunch") },
      ],
    });
    const list = (await (await s.fetch("/api/v1/threads?page=1&size=1", { headers: auth() })).json()) as Record<string, unknown>;
    expect(list).toMatchObject({ page: 1, size: 1, total: expect.any(Number), items: [{ id: threadId, title: "Add note: Call ACME Friday 9am", current_agent: "Copilot" }] });
  });

  it("shows a key made in chat to its own stream only: the log, a resumed stream, the history and every table keep the placeholder", async () => {
    const events = await collectSse(await chat({ message: "Create an API key named chat-minted with read_runs permission" }));
    const end = events.find((e) => e.data.type === "tool_end" && e.data.tool === "create_api_key")!;
    const key = end.data.type === "tool_end" ? end.data.shown_once?.plaintext_key : undefined;
    expect(key).toMatch(/^ffai_\w{36}$/);
    const threadId = events[0]!.data.type === "thread" ? events[0]!.data.thread_id : "";
    const resumed = await collectSse(await s.fetch(`/api/v1/threads/${threadId}/events`, { headers: { ...auth(), "last-event-id": `${threadId}:0` } }));
    expect(resumed.map((e) => e.id)).toEqual(events.map((e) => e.id));
    const detail = await (await s.fetch(`/api/v1/threads/${threadId}`, { headers: auth() })).text();
    for (const seen of [JSON.stringify(resumed), detail, await dumpEveryRow(s.db)]) {
      expect(seen).not.toContain(key);
      expect(seen).not.toContain(key!.slice(5, 30));
    }
    expect(JSON.stringify(resumed)).toContain("[shown once; not stored]");
  });

  it("takes a credential pasted into a message out before anything keeps it or a model sees it, and says so", async () => {
    const pasted = "sk_live_4eC39HqLyjWDarjtT1zdp7dcQQ7Z";
    const events = await collectSse(await chat({ message: `Create secret STRIPE_KEY for production with value ${pasted}` }));
    const said = events.flatMap((e) => (e.data.type === "message" ? [e.data.text] : []));
    expect(said[0]).toMatch(/^I took a credential out of your message .*stripe live key \(sk_l…QQ7Z\).*rotate it/);
    expect(said.at(-1)).toMatch(/never accepted in chat/);
    const threadId = events[0]!.data.type === "thread" ? events[0]!.data.thread_id : "";
    const detail = (await (await s.fetch(`/api/v1/threads/${threadId}`, { headers: auth() })).json()) as { title: string; messages: { text: string }[] };
    expect(detail.messages[0]!.text).toBe("Create secret STRIPE_KEY for production with value [stripe_live_key removed]");
    expect(detail.title).not.toContain(pasted);
    const everything = `${JSON.stringify(events)}${await dumpEveryRow(s.db)}`;
    expect(everything).not.toContain(pasted);
    expect(everything).not.toContain(pasted.slice(8, 30));
  });

  it("validates the message before any stream starts", async () => {
    const empty = await chat({ message: "  " });
    expect(empty.status).toBe(400);
    expect(await empty.json()).toMatchObject({ code: "VALIDATION", field: "message" });
    expect((await chat({ message: "hi", agent: "Clippy" })).status).toBe(400);
    expect((await chat({ message: "hi", thread_id: "thr_doesnotexist" })).status).toBe(404);
  });
});

describe("approvals over HTTP", () => {
  it("stops at approval_required, then streams the rest of the turn once approved", async () => {
    const held = await collectSse(await chat({ message: "Deploy webapp-release to production" }));
    const threadId = held[0]!.data.type === "thread" ? held[0]!.data.thread_id : "";
    expect(held.map((e) => e.event)).toContain("approval_required");
    expect(held.at(-1)!.data).toMatchObject({ type: "done", status: "awaiting_approval" });
    const store = storeFor(s.runtime.core, "ws_default");
    expect(await store.find("PipelineRun", { pipeline_id: "pl_prod" })).toHaveLength(0);
    const detail = (await (await s.fetch(`/api/v1/threads/${threadId}`, { headers: auth() })).json()) as { pending_approval: unknown; status: string };
    expect(detail).toMatchObject({ status: "awaiting_approval", pending_approval: { id: expect.stringMatching(/^apr_/), tool: "trigger_pipeline", summary: expect.stringContaining("production") } });

    const approved = await collectSse(await s.fetch(`/api/v1/threads/${threadId}/approve`, { headers: auth(), json: { approve: true } }));
    expect(seqOf(approved[0]!)).toBe(held.length + 1);
    expect(approved.find((e) => e.event === "tool_end")?.data).toMatchObject({ tool: "trigger_pipeline", status: "ok" });
    expect(approved.at(-1)!.data, JSON.stringify(approved.map((e) => e.data))).toMatchObject({ type: "done", status: "completed" });
    expect(await store.find("PipelineRun", { pipeline_id: "pl_prod" })).toHaveLength(1);
    // The history tells what the turn asked and what became of it.
    const after = (await (await s.fetch(`/api/v1/threads/${threadId}`, { headers: auth() })).json()) as { messages: unknown[]; pending_approval: unknown };
    expect(after.pending_approval).toBeNull();
    expect(after.messages).toMatchObject([
      { role: "user", text: "Deploy webapp-release to production" },
      { role: "assistant", approval: { id: (detail.pending_approval as { id: string }).id, tool: "trigger_pipeline", decision: "approved" } },
      { role: "assistant", tools: [{ tool: "trigger_pipeline", status: "ok" }] },
    ]);
    const again = await s.fetch(`/api/v1/threads/${threadId}/approve`, { headers: auth(), json: { approve: true } });
    expect(again.status).toBe(409);
    expect(await again.json()).toMatchObject({ code: "CONFLICT" });
  });
});

describe("resuming and queueing", () => {
  it("resumes a dropped stream from Last-Event-ID with nothing lost or repeated", async () => {
    const controller = new AbortController();
    const r = await s.fetch("/api/v1/chat", { headers: auth(), json: { message: "Analyze webapp-pipeline performance" }, signal: controller.signal });
    const seen: SseEvent[] = [];
    for await (const e of readSse(r)) {
      seen.push(e);
      if (seen.length === 2) break;
    }
    controller.abort();
    const threadId = seen[0]!.id!.split(":")[0]!;
    const rest = await collectSse(await s.fetch(`/api/v1/threads/${threadId}/events`, { headers: { ...auth(), "last-event-id": seen[1]!.id! } }));
    const all = [...seen, ...rest];
    expect(all.map(seqOf)).toEqual(all.map((_, i) => i + 1));
    expect(all.at(-1)!.event).toBe("done");
    // Without Last-Event-ID: the last turn from its first event; a bad id is 400.
    const replay = await collectSse(await s.fetch(`/api/v1/threads/${threadId}/events`, { headers: auth() }));
    expect(replay.map((e) => e.id)).toEqual(all.map((e) => e.id));
    expect((await s.fetch(`/api/v1/threads/${threadId}/events`, { headers: { ...auth(), "last-event-id": "thr_other:3" } })).status).toBe(400);
  });

  it("follows a turn live after a drop: the turn went on without its client", async () => {
    const { server: gated, holdNextTurn } = await gatedServer();
    try {
      const t = await gated.signIn();
      const release = holdNextTurn();
      const controller = new AbortController();
      const r = await gated.fetch("/api/v1/chat", { headers: auth(t), json: { message: "Add note: said while the line dropped" }, signal: controller.signal });
      const first = (await readSse(r).next()).value as SseEvent;
      controller.abort();
      const threadId = first.id!.split(":")[0]!;
      const resumed = readSse(await gated.fetch(`/api/v1/threads/${threadId}/events`, { headers: { ...auth(t), "last-event-id": first.id! } }));
      const pending = resumed.next();
      release();
      const rest = [(await pending).value as SseEvent];
      for await (const e of resumed) rest.push(e);
      expect(rest.map(seqOf)).toEqual(rest.map((_, i) => i + 2));
      expect(rest.at(-1)!.data).toMatchObject({ type: "done", status: "completed" });
      expect(await storeFor(gated.runtime.core, "ws_default").findOne("Note", { content: "said while the line dropped" })).toBeDefined();
    } finally {
      await gated.close();
    }
  });

  it("resumes on another server: it follows the turn from the log", async () => {
    const { server: gated, holdNextTurn } = await gatedServer();
    try {
      const t = await gated.signIn();
      const other = await gated.sibling();
      const release = holdNextTurn();
      const r = await gated.fetch("/api/v1/chat", { headers: auth(t), json: { message: "Add note: resumed elsewhere" } });
      const events = readSse(r);
      const first = (await events.next()).value as SseEvent;
      const threadId = first.id!.split(":")[0]!;
      const elsewhere = readSse(await fetch(`${other.url}/api/v1/threads/${threadId}/events`, { headers: { ...auth(t), "last-event-id": first.id! } }));
      const pending = elsewhere.next();
      release();
      const rest = [(await pending).value as SseEvent];
      for await (const e of elsewhere) rest.push(e);
      for await (const _ of events) {
        // the original stream ends too
      }
      expect(rest.map(seqOf)).toEqual(rest.map((_, i) => i + 2));
      expect(rest.at(-1)!.data).toMatchObject({ type: "done", status: "completed" });
    } finally {
      await gated.close();
    }
  });

  it("queues a second message behind a running turn: never interleaved", async () => {
    const { server: gated, holdNextTurn } = await gatedServer();
    try {
      const t = await gated.signIn();
      const post = (body: Record<string, unknown>) => gated.fetch("/api/v1/chat", { headers: auth(t), json: body });
      const threadId = (await collectSse(await post({ message: "Add note: first of two" })))[0]!.id!.split(":")[0]!;
      const release = holdNextTurn();
      const first = readSse(await post({ message: "Analyze webapp-pipeline performance", thread_id: threadId }));
      const firstEvents = [(await first.next()).value as SseEvent];
      expect(firstEvents[0]!.event).toBe("thread");
      const second = post({ message: "Add note: queued behind it", thread_id: threadId });
      const secondResponse = await second;
      expect(secondResponse.status).toBe(200);
      release();
      for await (const e of first) firstEvents.push(e);
      const secondEvents = await collectSse(secondResponse);
      expect(firstEvents.at(-1)!.event).toBe("done");
      expect(secondEvents.at(-1)!.event).toBe("done");
      expect(seqOf(secondEvents[0]!)).toBe(seqOf(firstEvents.at(-1)!) + 1);
      expect(secondEvents.find((e) => e.event === "tool_end")?.data).toMatchObject({ tool: "add_note", status: "ok" });
      const log = await collectSse(await gated.fetch(`/api/v1/threads/${threadId}/events`, { headers: { ...auth(t), "last-event-id": `${threadId}:0` } }));
    const types = log.map((e) => e.event);
    expect(types.filter((t) => t === "thread")).toHaveLength(3);
    // Each turn runs thread … done before the next begins.
    let open = false;
      for (const type of types) {
        if (type === "thread") (expect(open).toBe(false), (open = true));
        if (type === "done") open = false;
      }
    } finally {
      await gated.close();
    }
  });
});

describe("whose thread it is", () => {
  it("answers 404 for another user's or another workspace's thread", async () => {
    const mine = await collectSse(await chat({ message: "Add note: private" }));
    const threadId = mine[0]!.id!.split(":")[0]!;
    const dev = await s.signIn("dev@acme.example");
    await s.fetch("/api/v1/auth/register", { json: { email: "other@example.com", password: "another workspace!", full_name: "Other" } });
    const outsider = await s.signIn("other@example.com", "another workspace!");
    for (const t of [dev, outsider]) {
      expect((await s.fetch(`/api/v1/threads/${threadId}`, { headers: auth(t) })).status).toBe(404);
      expect((await s.fetch(`/api/v1/threads/${threadId}/events`, { headers: auth(t) })).status).toBe(404);
      expect((await chat({ message: "hello", thread_id: threadId }, t)).status).toBe(404);
      expect((await s.fetch(`/api/v1/threads/${threadId}/approve`, { headers: auth(t), json: { approve: true } })).status).toBe(404);
      const list = (await (await s.fetch("/api/v1/threads", { headers: auth(t) })).json()) as { items: { id: string }[] };
      expect(list.items.map((i) => i.id)).not.toContain(threadId);
    }
  });
});

describe("widget tokens and CORS", () => {
  it("mints a token for an end user, answers CORS only for its origins, and is good for chat only", async () => {
    const key = await s.makeKey("host-backend", ["chat"]);
    const minted = await s.fetch("/api/v1/widget/token", { headers: { "x-api-key": key }, json: { user: { email: "Ada@Example.com", full_name: "Ada Lovelace" }, allowed_origins: ["https://app.example.com"], ttl_seconds: 600 } });
    expect(minted.status).toBe(201);
    const w = (await minted.json()) as { token: string; user_id: string; expires_at: string };
    expect(w).toMatchObject({ token: expect.stringMatching(/^ffwt_/), user_id: expect.stringMatching(/^usr_/), allowed_origins: ["https://app.example.com"] });
    expect(await storeFor(s.runtime.core, "ws_default").require("User", w.user_id)).toMatchObject({ email: "ada@example.com", role: "customer" });
    expect(JSON.stringify(await storeFor(s.runtime.core, "ws_default").find("WidgetToken"))).not.toContain(w.token);

    const preflight = await s.fetch("/api/v1/chat", { method: "OPTIONS", headers: { origin: "https://anywhere.example", "access-control-request-method": "POST" } });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get("access-control-allow-methods")).toBe("GET, POST, OPTIONS");
    expect(preflight.headers.get("access-control-allow-headers")).toBe("authorization, content-type, last-event-id, x-api-key");
    expect(preflight.headers.get("access-control-max-age")).toBeTruthy();

    const ok = await s.fetch("/api/v1/chat", { headers: { authorization: `Bearer ${w.token}`, origin: "https://app.example.com" }, json: { message: "Show my projects" } });
    expect(ok.status).toBe(200);
    expect(ok.headers.get("access-control-allow-origin")).toBe("https://app.example.com");
    expect((await collectSse(ok)).at(-1)!.event).toBe("done");
    const elsewhere = await s.fetch("/api/v1/chat", { headers: { authorization: `Bearer ${w.token}`, origin: "https://evil.example" }, json: { message: "hi" } });
    expect(elsewhere.status).toBe(403);
    expect((await s.fetch("/api/v1/chat", { headers: { authorization: `Bearer ${w.token}` }, json: { message: "hi" } })).status).toBe(403);
    expect((await s.fetch("/api/get-status?run_id=run_1234", { headers: { authorization: `Bearer ${w.token}`, origin: "https://app.example.com" } })).status).toBe(403);
    // A user's token from a browser gets no CORS answer; other endpoints none at all.
    const byUser = await s.fetch("/api/v1/threads", { headers: { ...auth(), origin: "https://app.example.com" } });
    expect(byUser.headers.get("access-control-allow-origin")).toBeNull();

    // Never for staff, and an API key needs the chat permission.
    expect((await s.fetch("/api/v1/widget/token", { headers: { "x-api-key": key }, json: { user: { email: "admin@acme.example" }, allowed_origins: ["https://app.example.com"] } })).status).toBe(403);
    const reader = await s.makeKey("no-chat", ["read_runs"]);
    expect((await s.fetch("/api/v1/widget/token", { headers: { "x-api-key": reader }, json: { user: { email: "x@example.com" }, allowed_origins: ["https://app.example.com"] } })).status).toBe(403);
    expect((await s.fetch("/api/v1/widget/token", { headers: { "x-api-key": key }, json: { user: { email: "x@example.com" }, allowed_origins: ["https://app.example.com/path"] } })).status).toBe(400);
  });
});
