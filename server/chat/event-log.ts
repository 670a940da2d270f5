import type { Entities } from "../../entities/index.js";
import type { Store } from "../../entities/store.js";
import type { RuntimeEvent } from "../../graph/events.js";

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
 * and a page reload show the conversation, from any server on the database.
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
