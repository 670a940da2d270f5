import type { Context } from "hono";
import { sql } from "kysely";
import { z } from "zod";
import { AGENT_NAMES } from "../../agents/index.js";
import type { Entities } from "../../entities/index.js";
import { storeFor } from "../../tools/door.js";
import type { ChatHub } from "../chat/hub.js";
import type { Store } from "../../entities/store.js";
import { chatEventLog, eventId, parseEventId, type LoggedEvent } from "../../graph/thread-log.js";
import { decisionOf, HistoryMessage, historyOf, type HistoryApproval } from "../chat/history.js";
import { sseResponse } from "../chat/sse.js";
import { auditKeyUse, type ServerContext } from "../context.js";
import { HttpError } from "../http/errors.js";
import type { Routes, RouteSpec } from "../openapi/route.js";
import type { AppEnv } from "../types.js";
import { PageQuery, pageOf, paged } from "./pagination.js";

const ThreadId = z.string().regex(/^thr_[0-9a-z]+$/, "must be a thread id (thr_…)");

const ChatBody = z.object({
  message: z.string().trim().min(1, "may not be empty").max(10_000),
  thread_id: ThreadId.optional().describe("continue this thread; omit to start one"),
  agent: z.enum(AGENT_NAMES).optional().describe("address one agent instead of letting the router choose"),
});

const EVENT_STREAM = {
  description:
    "text/event-stream: `id: <thread_id>:<seq>`, `event: <type>`, `data: <the runtime event as JSON>` — thread, agent, token, tool_start, tool_end, approval_required, message, usage, error, done (last). `: keep-alive` comments while idle.",
  contentType: "text/event-stream",
  schema: z.string(),
};

const ThreadSummary = z.object({
  id: z.string(),
  title: z.string().nullable(),
  status: z.enum(["idle", "running", "awaiting_approval"]),
  current_agent: z.string().nullable(),
  last_message_at: z.string().nullable(),
  created_at: z.string(),
});

const PendingApproval = z.object({ id: z.string(), tool: z.string(), args: z.record(z.string(), z.unknown()), summary: z.string() });

const ThreadDetail = ThreadSummary.omit({ last_message_at: true, created_at: true }).extend({
  messages: z.array(HistoryMessage),
  pending_approval: PendingApproval.nullable(),
  last_event_id: z.string().nullable(),
});

/** What became of each approval the thread's turns asked for, from their PendingApproval rows. */
async function decisionsIn(store: Store, events: readonly LoggedEvent[]): Promise<Map<string, HistoryApproval["decision"]>> {
  const ids = events.flatMap(({ event }) => (event.type === "approval_required" ? [event.approval.id] : []));
  const rows = ids.length ? await store.findByIds("PendingApproval", ids) : [];
  return new Map(rows.map((r) => [r.id, decisionOf(r.status)]));
}

const chatAuth = { auth: ["user", "api_key", "widget"], permission: "chat", cors: "widget", tag: "Chat" } as const satisfies Partial<RouteSpec>;

const summary = (t: Entities["Thread"]) => ({ id: t.id, title: t.title, status: t.status, current_agent: t.current_agent, last_message_at: t.last_message_at, created_at: t.created_at });

/**
 * The chat API (docs/chat-api.md): a message in, the turn's events out as Server-Sent Events;
 * approvals; resuming a dropped stream; the speaker's threads and their history. A thread is
 * its speaker's alone: anyone else's is 404, like one that does not exist.
 */
export function registerChatRoutes(routes: Routes, ctx: ServerContext, hub: ChatHub): void {
  const speakerOf = (c: Context<AppEnv>) => {
    const p = c.get("principal");
    return { workspaceId: p.workspaceId, actorId: p.actor.id };
  };
  async function ownThread(c: Context<AppEnv>, id: string): Promise<Entities["Thread"]> {
    const p = c.get("principal");
    const thread = await storeFor(ctx.core, p.workspaceId).get("Thread", id);
    if (!thread || thread.actor_id !== p.actor.id) throw new HttpError("NOT_FOUND", `No thread ${id} of yours`);
    return thread;
  }
  const stream = (items: Parameters<typeof sseResponse>[0], abort?: AbortController) => sseResponse(items, { keepAliveMs: ctx.options.keepAliveMs, abort });

  routes.add(
    {
      ...chatAuth,
      method: "post",
      path: "/api/v1/chat",
      operationId: "chat",
      summary: "Send a message; the turn streams back as Server-Sent Events",
      description: "A message sent while a turn of the same thread runs waits for it (queued, never interleaved). The turn runs to its end even if the client drops: resume at GET /api/v1/threads/{id}/events.",
      idempotent: false,
      body: ChatBody,
      responses: { 200: EVENT_STREAM },
      errors: [400, 403, 404],
    },
    async (c, { body }) => {
      if (body.thread_id) await ownThread(c, body.thread_id);
      await auditKeyUse(ctx, c, "chat", { thread_id: body.thread_id ?? null });
      const source = ctx.runtime.chat({ speaker: speakerOf(c), text: body.message, threadId: body.thread_id, agent: body.agent });
      return stream(hub.run(c.get("principal").workspaceId, source, { input: body.message, threadId: body.thread_id }));
    },
  );

  routes.add(
    {
      ...chatAuth,
      method: "post",
      path: "/api/v1/threads/{id}/approve",
      operationId: "approveThread",
      summary: "Approve or reject the thread's pending action; the rest of the turn streams back",
      idempotent: false,
      params: z.object({ id: ThreadId }),
      body: z.object({ approve: z.boolean() }),
      responses: { 200: EVENT_STREAM },
      errors: [400, 403, 404, 409],
    },
    async (c, { params, body }) => {
      const thread = await ownThread(c, params.id);
      const pending = await storeFor(ctx.core, thread.workspace_id).findOne("PendingApproval", { thread_id: thread.id, status: "pending" });
      if (thread.status !== "awaiting_approval" || !pending) throw new HttpError("CONFLICT", `Nothing in thread ${thread.id} is waiting for approval`);
      await auditKeyUse(ctx, c, "approve_thread", { thread_id: thread.id, approval_id: pending.id, approve: body.approve });
      const source = ctx.runtime.approve({ speaker: speakerOf(c), threadId: thread.id, approve: body.approve });
      return stream(hub.run(thread.workspace_id, source, { input: null, threadId: thread.id }));
    },
  );

  routes.add(
    {
      ...chatAuth,
      method: "get",
      path: "/api/v1/threads/{id}/events",
      operationId: "threadEvents",
      summary: "Resume a thread's event stream",
      description: "With `Last-Event-ID: <thread_id>:<seq>`: every event after that one, then the running turn live until its done; with no turn running it ends after the stored events. Without it: from the current (or last) turn's first event.",
      params: z.object({ id: ThreadId }),
      responses: { 200: EVENT_STREAM },
      errors: [400, 404],
    },
    async (c, { params }) => {
      const thread = await ownThread(c, params.id);
      const header = c.req.header("last-event-id");
      let after: number;
      if (header !== undefined && header.trim() !== "") {
        const parsed = parseEventId(header);
        if (!parsed || parsed.threadId !== thread.id) {
          throw new HttpError("VALIDATION", `Last-Event-ID must be an event id of this thread, such as ${thread.id}:12`, { field: "Last-Event-ID" });
        }
        after = parsed.seq;
      } else {
        after = Math.max(0, (await chatEventLog(storeFor(ctx.core, thread.workspace_id)).lastTurnStart(thread.id)) - 1);
      }
      const abort = new AbortController();
      const events = hub.follow(thread.workspace_id, thread.id, after, abort.signal);
      async function* items() {
        for await (const e of events) yield { event: e.event, id: eventId(e) };
      }
      return stream(items(), abort);
    },
  );

  routes.add(
    {
      ...chatAuth,
      method: "get",
      path: "/api/v1/threads",
      operationId: "listThreads",
      summary: "Your threads, newest first",
      query: PageQuery,
      responses: { 200: { description: "A page of threads", schema: paged(ThreadSummary) } },
    },
    async (c, { query }) => {
      const p = c.get("principal");
      const store = storeFor(ctx.core, p.workspaceId);
      const mine = store.select("Thread").where("actor_id", "=", p.actor.id);
      const total = Number((await mine.clearSelect().select(sql<number>`count(*)`.as("n")).executeTakeFirst())?.n ?? 0);
      const rows = await mine
        .orderBy(sql`coalesce(last_message_at, created_at)`, "desc")
        .orderBy("id", "desc")
        .limit(query.size)
        .offset((query.page - 1) * query.size)
        .execute();
      return c.json(pageOf(store.decode("Thread", rows).map(summary), total, query));
    },
  );

  routes.add(
    {
      ...chatAuth,
      method: "get",
      path: "/api/v1/threads/{id}",
      operationId: "getThread",
      summary: "A thread's history, with the pending approval if any",
      params: z.object({ id: ThreadId }),
      responses: { 200: { description: "The thread", schema: ThreadDetail } },
      errors: [404],
    },
    async (c, { params }) => {
      const thread = await ownThread(c, params.id);
      const store = storeFor(ctx.core, thread.workspace_id);
      const log = chatEventLog(store);
      const events = await log.all(thread.id);
      const pending = thread.status === "awaiting_approval" ? await store.findOne("PendingApproval", { thread_id: thread.id, status: "pending" }, { orderBy: "created_at", direction: "desc" }) : undefined;
      const last = events.at(-1);
      return c.json({
        id: thread.id,
        title: thread.title,
        status: thread.status,
        current_agent: thread.current_agent,
        messages: historyOf(events, await decisionsIn(store, events)),
        pending_approval: pending ? { id: pending.id, tool: pending.tool, args: pending.args, summary: pending.summary } : null,
        last_event_id: last ? eventId(last) : null,
      });
    },
  );
}
