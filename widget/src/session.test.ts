import { describe, expect, it, vi } from "vitest";
import { apiError, fakeApi, frames, json, memoryStorage, sse } from "../testing/fake-api.js";
import { createChatApi } from "./api.js";
import type { StreamEvent, ThreadView } from "./protocol.js";
import { ChatSession, type ChatErrorDetail } from "./session.js";
import { threadStore } from "./storage.js";
import { Transcript, type AssistantItem } from "./transcript.js";

const T = "thr_abc";

const noteTurn: StreamEvent[] = [
  { type: "thread", thread_id: T },
  { type: "agent", agent: "Copilot", reason: "best match" },
  { type: "tool_start", agent: "Copilot", tool: "add_note", call_id: "call_1", args: { content: "Call ACME" } },
  { type: "tool_end", agent: "Copilot", tool: "add_note", call_id: "call_1", status: "ok", output: { id: "note_1" } },
  { type: "token", agent: "Copilot", text: "Saved note " },
  { type: "token", agent: "Copilot", text: '"Call ACME" (reminder ' },
  { type: "token", agent: "Copilot", text: "2026-12-11 09:00 UTC)." },
  { type: "message", agent: "Copilot", text: 'Saved note "Call ACME" (reminder 2026-12-11 09:00 UTC).', kind: "answer" },
  { type: "usage", agent: "Copilot", prompt_tokens: 0, completion_tokens: 0, cost_usd: null },
  { type: "done", thread_id: T, status: "completed" },
];

const noteHistory: ThreadView = {
  id: T,
  status: "idle",
  current_agent: "Copilot",
  messages: [
    { role: "user", text: "Add note: Call ACME Friday 9am" },
    { role: "assistant", agent: "Copilot", text: 'Saved note "Call ACME" (reminder 2026-12-11 09:00 UTC).', kind: "answer", tools: [{ tool: "add_note", status: "ok", chart_svg: null }] },
  ],
  pending_approval: null,
  last_event_id: `${T}:10`,
};

function setup(options: { token?: string; refresh?: () => Promise<string | null>; idleTimeoutMs?: number; stored?: string } = {}) {
  const server = fakeApi();
  const storage = memoryStorage();
  if (options.stored) storage.setItem("k", options.stored);
  let token = options.token ?? "ffwt_first";
  const api = createChatApi({
    base: "https://api.example.com/",
    credential: () => token,
    refresh: options.refresh
      ? async () => {
          const fresh = await options.refresh!();
          if (fresh) token = fresh;
          return fresh;
        }
      : undefined,
    fetch: server.fetch,
    idleTimeoutMs: options.idleTimeoutMs,
  });
  const transcript = new Transcript();
  const replies: AssistantItem[] = [];
  const errors: ChatErrorDetail[] = [];
  const approvals: string[] = [];
  const statuses: string[] = [];
  const threads = threadStore(storage, "k");
  const session = new ChatSession({
    api,
    transcript,
    threads,
    retryDelaysMs: [0, 0, 0],
    onReply: (item) => replies.push({ ...item }),
    onError: (e) => errors.push(e),
    onApproval: (a) => approvals.push(a.id),
    onStatus: (s) => statuses.push(s),
  });
  return { server, storage, transcript, session, replies, errors, approvals, statuses, threads };
}

const texts = (t: Transcript) => t.items.map((i) => (i.kind === "notice" ? `! ${i.text}` : `${i.kind}: ${i.text}`));

describe("ChatSession", () => {
  it("streams a reply into the transcript, remembers the new thread and sends the token in a header", async () => {
    const { server, session, transcript, replies, threads, storage } = setup();
    server.on("POST", /^\/api\/v1\/chat$/, sse(frames(T, 1, noteTurn)));
    await session.send("  Add note: Call ACME Friday 9am ");
    expect(texts(transcript)).toEqual(["user: Add note: Call ACME Friday 9am", 'assistant: Saved note "Call ACME" (reminder 2026-12-11 09:00 UTC).']);
    const reply = transcript.items[1] as AssistantItem;
    expect(reply).toMatchObject({ agent: "Copilot", done: true, messageKind: "answer" });
    expect(reply.tools).toEqual([expect.objectContaining({ tool: "add_note", status: "ok" })]);
    expect(replies).toHaveLength(1);
    expect(threads.get()).toBe(T);
    expect(storage.data.get("k")).toBe(T);
    const [req] = server.requests;
    expect(req).toMatchObject({ method: "POST", url: "https://api.example.com/api/v1/chat", body: { message: "Add note: Call ACME Friday 9am" } });
    expect(req!.headers.authorization).toBe("Bearer ffwt_first");
    expect(req!.headers.accept).toBe("text/event-stream");
    expect(req!.url).not.toContain("ffwt_");
  });

  it("continues the remembered thread and sends queued messages one after another", async () => {
    const { server, session, transcript } = setup();
    const second: StreamEvent[] = [
      { type: "thread", thread_id: T },
      { type: "agent", agent: "Copilot", reason: "follow-up" },
      { type: "message", agent: "Copilot", text: "You have 3 notes.", kind: "answer" },
      { type: "done", thread_id: T, status: "completed" },
    ];
    server.on("POST", /\/chat$/, sse(frames(T, 1, noteTurn)), sse(frames(T, 11, second)));
    const a = session.send("Add note: Call ACME Friday 9am");
    const b = session.send("Show my notes");
    // Both messages show at once; the second is sent only after the first reply is done.
    expect(texts(transcript)).toEqual(["user: Add note: Call ACME Friday 9am", "user: Show my notes"]);
    await Promise.all([a, b]);
    expect(server.requests.map((r) => r.body)).toEqual([{ message: "Add note: Call ACME Friday 9am" }, { message: "Show my notes", thread_id: T }]);
    expect(transcript.items.at(-1)).toMatchObject({ kind: "assistant", text: "You have 3 notes." });
  });

  it("resumes a dropped stream after the last event it applied, then resyncs from the history", async () => {
    const { server, session, transcript, replies, statuses } = setup();
    const all = frames(T, 1, noteTurn);
    // The connection dies in the middle of event 6 (its id line arrived, its data did not).
    const cut = all[5]!.indexOf("data:") + 12;
    server.on("POST", /\/chat$/, sse([...all.slice(0, 5), all[5]!.slice(0, cut)], "drop"));
    server.on("GET", /\/threads\/thr_abc\/events$/, sse(all.slice(5)));
    server.on("GET", /\/threads\/thr_abc$/, json(200, noteHistory));
    await session.send("Add note: Call ACME Friday 9am");
    const resume = server.requests[1]!;
    expect(resume.method).toBe("GET");
    expect(resume.headers["last-event-id"]).toBe(`${T}:5`);
    expect(resume.headers.authorization).toBe("Bearer ffwt_first");
    expect(replies.map((r) => r.text)).toEqual(['Saved note "Call ACME" (reminder 2026-12-11 09:00 UTC).']);
    expect(server.requests.map((r) => `${r.method} ${new URL(r.url).pathname}`)).toEqual([
      "POST /api/v1/chat",
      `GET /api/v1/threads/${T}/events`,
      `GET /api/v1/threads/${T}`,
    ]);
    expect(texts(transcript)).toEqual(["user: Add note: Call ACME Friday 9am", 'assistant: Saved note "Call ACME" (reminder 2026-12-11 09:00 UTC).']);
    expect(statuses).toContain("reconnecting");
    expect(statuses.at(-1)).toBe("idle");
  });

  it("keeps trying while the server is unreachable, and takes the history when the stream cannot be resumed", async () => {
    const { server, session, transcript, errors } = setup();
    const all = frames(T, 1, noteTurn);
    server.on("POST", /\/chat$/, sse(all.slice(0, 5), "drop"));
    server.on(
      "GET",
      /\/events$/,
      () => {
        throw new TypeError("connection refused");
      },
      apiError(404, "NOT_FOUND", "thread not found"),
    );
    server.on("GET", /\/threads\/thr_abc$/, json(200, noteHistory));
    await session.send("Add note: Call ACME Friday 9am");
    expect(server.requests.filter((r) => r.url.endsWith("/events"))).toHaveLength(2);
    expect(texts(transcript)).toEqual(["user: Add note: Call ACME Friday 9am", 'assistant: Saved note "Call ACME" (reminder 2026-12-11 09:00 UTC).']);
    expect(errors).toEqual([]);
  });

  it("treats a stream gone silent as dropped", async () => {
    const { server, session, transcript } = setup({ idleTimeoutMs: 30 });
    const all = frames(T, 1, noteTurn);
    server.on("POST", /\/chat$/, sse(all.slice(0, 4), "hang"));
    server.on("GET", /\/events$/, sse(all.slice(4)));
    server.on("GET", /\/threads\/thr_abc$/, json(200, noteHistory));
    await session.send("Add note: Call ACME Friday 9am");
    expect(server.requests[1]!.headers["last-event-id"]).toBe(`${T}:4`);
    expect((transcript.items[1] as AssistantItem).done).toBe(true);
  });

  it("asks the host for a fresh token once when the server answers 401", async () => {
    const refresh = vi.fn(async () => "ffwt_second");
    const { server, session } = setup({ refresh });
    server.on("POST", /\/chat$/, apiError(401, "UNAUTHENTICATED", "the widget token has expired"), sse(frames(T, 1, noteTurn)));
    await session.send("Add note: Call ACME Friday 9am");
    expect(refresh).toHaveBeenCalledTimes(1);
    expect(server.requests.map((r) => r.headers.authorization)).toEqual(["Bearer ffwt_first", "Bearer ffwt_second"]);
  });

  it("shows a refusal in words and reports it, keeping the person's message", async () => {
    const { server, session, transcript, errors } = setup();
    server.on("POST", /\/chat$/, apiError(403, "FORBIDDEN", "origin https://evil.example is not allowed for this widget token"));
    await session.send("Hello");
    expect(errors).toEqual([{ code: "FORBIDDEN", status: 403, message: expect.stringContaining("This site may not use this chat") }]);
    expect(texts(transcript)).toEqual(["user: Hello", expect.stringMatching(/^! This site may not use this chat\. \(origin https:\/\/evil\.example/)]);
  });

  it("reports an unreachable server without retrying the message", async () => {
    const { server, session, errors } = setup();
    server.on("POST", /\/chat$/, () => {
      throw new TypeError("Failed to fetch");
    });
    await session.send("Hello");
    expect(errors).toEqual([{ code: "NETWORK", message: "Could not reach the chat server. Check your connection and send again." }]);
    expect(server.requests).toHaveLength(1);
  });

  it("holds an approval, then streams the approved turn", async () => {
    const { server, session, transcript, approvals } = setup();
    const approval = { id: "apr_1", tool: "rollback_workflow", args: { execution_id: "exec_1234" }, summary: "Roll back workflow exec_1234" };
    server.on(
      "POST",
      /\/chat$/,
      sse(
        frames(T, 1, [
          { type: "thread", thread_id: T },
          { type: "agent", agent: "FlowDirector", reason: "rollback" },
          { type: "tool_start", agent: "FlowDirector", tool: "rollback_workflow", call_id: "c1", args: { execution_id: "exec_1234" } },
          { type: "tool_end", agent: "FlowDirector", tool: "rollback_workflow", call_id: "c1", status: "approval_required" },
          { type: "approval_required", agent: "FlowDirector", approval },
          { type: "message", agent: "FlowDirector", text: "This needs your approval: Roll back workflow exec_1234. Approve or reject?", kind: "answer" },
          { type: "done", thread_id: T, status: "awaiting_approval" },
        ]),
      ),
    );
    server.on(
      "POST",
      /\/threads\/thr_abc\/approve$/,
      sse(
        frames(T, 8, [
          { type: "thread", thread_id: T },
          { type: "agent", agent: "FlowDirector", reason: "approved by the person" },
          { type: "tool_start", agent: "FlowDirector", tool: "rollback_workflow", call_id: "c1", args: { execution_id: "exec_1234" } },
          { type: "tool_end", agent: "FlowDirector", tool: "rollback_workflow", call_id: "c1", status: "ok", output: { status: "rolled_back" } },
          { type: "message", agent: "FlowDirector", text: "Rolled back workflow exec_1234 (order_processing).", kind: "answer" },
          { type: "done", thread_id: T, status: "completed" },
        ]),
      ),
    );
    await session.send("Rollback workflow exec_1234");
    expect(approvals).toEqual(["apr_1"]);
    expect(transcript.pendingApproval()).toMatchObject({ ...approval, state: "pending" });
    await session.decide(true);
    expect(server.requests[1]).toMatchObject({ method: "POST", body: { approve: true } });
    expect(transcript.pendingApproval()).toBeNull();
    const [, asked, done] = transcript.items as AssistantItem[];
    expect(asked!.approval?.state).toBe("approved");
    expect(done).toMatchObject({ text: "Rolled back workflow exec_1234 (order_processing).", tools: [expect.objectContaining({ status: "ok" })] });
  });

  it("resyncs when an approval was already answered elsewhere (409)", async () => {
    const { server, session, transcript } = setup({ stored: T });
    const pending = { id: "apr_1", tool: "rollback_workflow", args: { execution_id: "exec_1234" }, summary: "Roll back workflow exec_1234" };
    server.on("GET", /\/threads\/thr_abc$/, json(200, { ...noteHistory, status: "awaiting_approval", pending_approval: pending }), json(200, noteHistory));
    server.on("POST", /\/approve$/, apiError(409, "CONFLICT", "nothing in this thread is waiting for approval"));
    await session.restore();
    expect(transcript.pendingApproval()?.id).toBe("apr_1");
    await session.decide(false);
    expect(transcript.pendingApproval()).toBeNull();
    expect(texts(transcript).slice(0, 2)).toEqual(["user: Add note: Call ACME Friday 9am", 'assistant: Saved note "Call ACME" (reminder 2026-12-11 09:00 UTC).']);
  });

  it("restores the remembered thread once, and forgets one the server does not know", async () => {
    const ok = setup({ stored: T });
    ok.server.on("GET", /\/threads\/thr_abc$/, json(200, noteHistory));
    await Promise.all([ok.session.restore(), ok.session.restore()]);
    expect(ok.server.requests).toHaveLength(1);
    expect(texts(ok.transcript)).toHaveLength(2);

    const gone = setup({ stored: T });
    gone.server.on("GET", /\/threads\/thr_abc$/, apiError(404, "NOT_FOUND", "thread thr_abc not found"));
    await gone.session.restore();
    expect(gone.threads.get()).toBeNull();
    expect(gone.errors).toEqual([]);
  });

  it("reset() cuts off a running reply and starts afresh", async () => {
    const { server, session, transcript, threads } = setup();
    server.on("POST", /\/chat$/, sse(frames(T, 1, noteTurn).slice(0, 5), "hang"));
    const sending = session.send("Add note: Call ACME Friday 9am");
    await vi.waitFor(() => expect(transcript.streaming?.text).toBe("Saved note "));
    session.reset();
    await sending;
    expect(transcript.items).toEqual([]);
    expect(threads.get()).toBeNull();
    server.on("POST", /\/chat$/, sse(frames("thr_new", 1, [{ type: "thread", thread_id: "thr_new" }, { type: "done", thread_id: "thr_new", status: "completed" }])));
    await session.send("Hi");
    expect(server.requests.at(-1)!.body).toEqual({ message: "Hi" });
    expect(threads.get()).toBe("thr_new");
  });
});
