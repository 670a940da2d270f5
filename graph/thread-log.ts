import type { Entities } from "../entities/index.js";
import type { Store } from "../entities/store.js";
import { redactCredentials } from "../tools/security/secrets/redact-text.js";
import type { RuntimeEvent } from "./events.js";

/** An event of a thread as it was streamed: its number in the thread and when it happened. */
export interface LoggedEvent {
  threadId: string;
  seq: number;
  event: RuntimeEvent;
  at: string;
  /** On a turn's `thread` event: what the person said. */
  input: string | null;
}

const isUnique = (e: unknown) => e instanceof Error && /UNIQUE constraint failed|duplicate key value/i.test(e.message);

export const eventId = (e: Pick<LoggedEvent, "threadId" | "seq">) => `${e.threadId}:${e.seq}`;

/** `thr_…:42` → the thread and the sequence number, or undefined when it is not one of ours. */
export function parseEventId(text: string | undefined): { threadId: string; seq: number } | undefined {
  const m = /^(thr_[0-9a-z]+):(\d{1,9})$/.exec(text?.trim() ?? "");
  return m ? { threadId: m[1]!, seq: Number(m[2]) } : undefined;
}

function fromRow(row: Entities["ChatEvent"]): LoggedEvent {
  return { threadId: row.thread_id, seq: row.seq, event: row.data as unknown as RuntimeEvent, at: row.created_at, input: row.input };
}

/**
 * The events of threads, numbered by thread (ChatEvent rows): what lets a dropped stream resume
 * and a page reload show the conversation, from any server on the database. Every door that
 * holds conversations logs its turns here (`logTurn`): the HTTP chat, MCP's ask_agent and the CLI.
 */
export function chatEventLog(store: Store) {
  return {
    /** Appends an event as the thread's next; a number taken by another server meanwhile is retried. */
    async append(threadId: string, event: RuntimeEvent, input: string | null = null): Promise<LoggedEvent> {
      for (let attempt = 0; ; attempt++) {
        const last = await store.findOne("ChatEvent", { thread_id: threadId }, { orderBy: "seq", direction: "desc" });
        const seq = (last?.seq ?? 0) + 1;
        try {
          const agent = "agent" in event ? event.agent : null;
          const row = await store.insert("ChatEvent", { thread_id: threadId, seq, type: event.type, agent, data: event as unknown as Record<string, unknown>, input });
          return fromRow(row);
        } catch (e) {
          if (!isUnique(e) || attempt >= 5) throw e;
        }
      }
    },

    /** Events after `seq`, in order (at most `limit`). */
    async after(threadId: string, seq: number, limit = 500): Promise<LoggedEvent[]> {
      const rows = await store.select("ChatEvent").where("thread_id", "=", threadId).where("seq", ">", seq).orderBy("seq", "asc").limit(limit).execute();
      return store.decode("ChatEvent", rows).map(fromRow);
    },

    /** The number of the current (or last) turn's first event, 0 for a thread with none. */
    async lastTurnStart(threadId: string): Promise<number> {
      const row = await store.findOne("ChatEvent", { thread_id: threadId, type: "thread" }, { orderBy: "seq", direction: "desc" });
      return row?.seq ?? 0;
    },

    async all(threadId: string): Promise<LoggedEvent[]> {
      return (await store.find("ChatEvent", { thread_id: threadId }, { orderBy: "seq" })).map(fromRow);
    },
  };
}

export type ChatEventLog = ReturnType<typeof chatEventLog>;

/** The agent of the turn on events that do not name one (error, done), as the chat API promises. */
function withAgent(event: RuntimeEvent, agent: string | null): RuntimeEvent {
  if (!agent || event.type === "thread") return event;
  if (!("agent" in event)) return { ...event, agent } as unknown as RuntimeEvent;
  return event.agent === null ? ({ ...event, agent } as RuntimeEvent) : event;
}

/** The person's words as the log keeps them: with any credential taken out, as the runtime does. */
function loggedInput(input: string | null): string | null {
  return input === null ? null : redactCredentials(input).text;
}

/** An event as the thread's log keeps it: without the values a person sees only once. */
function forTheLog(event: RuntimeEvent): RuntimeEvent {
  if (event.type !== "tool_end" || !event.shown_once) return event;
  const { shown_once: _, ...kept } = event;
  return kept;
}

/**
 * A turn's events, each logged as its thread's next once the thread is known, then passed on with
 * the agent named and its place in the log. Values shown once (a new API key) are passed on but
 * never logged: only whoever reads this turn live sees them — not a resumed stream, another tab,
 * the history or a dump. `onThread` learns the thread before its first event is logged.
 */
export async function* logTurn(
  store: Store,
  source: AsyncIterable<RuntimeEvent>,
  options: { input: string | null; threadId?: string; onThread?: (threadId: string) => void },
): AsyncGenerator<{ event: RuntimeEvent; logged?: LoggedEvent }> {
  const log = chatEventLog(store);
  let thread = options.threadId;
  let agent: string | null = null;
  for await (const raw of source) {
    if (raw.type === "thread" && !thread) {
      thread = raw.thread_id;
      options.onThread?.(thread);
    }
    if (raw.type === "agent") agent = raw.agent;
    const event = withAgent(raw, agent);
    if (!thread) {
      yield { event };
      continue;
    }
    yield { event, logged: await log.append(thread, forTheLog(event), event.type === "thread" ? loggedInput(options.input) : null) };
  }
}

/** The turn's events as they come, logged in its thread along the way (see `logTurn`). */
export async function* loggedTurn(store: Store, source: AsyncIterable<RuntimeEvent>, input: string | null): AsyncGenerator<RuntimeEvent> {
  for await (const { event } of logTurn(store, source, { input })) yield event;
}
