import type { RuntimeEvent } from "../../graph/events.js";
import type { Core } from "../../tools/core.js";
import { storeFor } from "../../tools/door.js";
import type { ServerLog } from "../types.js";
import { chatEventLog, eventId, logTurn, type LoggedEvent } from "../../graph/thread-log.js";

/** What an event stream writes: the event, and its id once it is in the thread's log. */
export interface StreamItem {
  event: RuntimeEvent;
  id?: string;
}

/** A queue that a turn fills and one reader empties; the turn never waits for the reader. */
function feed<T>() {
  const items: T[] = [];
  let ended = false;
  let wake: (() => void) | undefined;
  return {
    push(item: T) {
      items.push(item);
      wake?.();
    },
    end() {
      ended = true;
      wake?.();
    },
    async *[Symbol.asyncIterator](): AsyncGenerator<T> {
      for (;;) {
        if (items.length) {
          yield items.shift()!;
          continue;
        }
        if (ended) return;
        await new Promise<void>((resolve) => (wake = resolve));
        wake = undefined;
      }
    },
  };
}

/**
 * Waits `ms`, until `signal` aborts, or until the function handed to `onWake` is called —
 * whichever comes first; then its timer and listener go, so however often a follower is woken
 * nothing of its earlier waits stays behind.
 */
const pause = (ms: number, signal: AbortSignal, onWake?: (wake: () => void) => void) =>
  new Promise<void>((resolve) => {
    const done = () => {
      clearTimeout(timer);
      signal.removeEventListener("abort", done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal.addEventListener("abort", done, { once: true });
    onWake?.(done);
  });

/**
 * Runs chat turns apart from the responses that asked for them: a turn goes on to its end when
 * its client drops (the person can resume), and every event is logged with the thread's next
 * number as it happens. Readers of a thread are woken at once in this process, and poll the log
 * for turns another server runs.
 */
export function createChatHub(deps: { core: Core; log: ServerLog; pollMs: number }) {
  const watchers = new Map<string, Set<() => void>>();
  /** Turns running or queued in this process, by thread. */
  const active = new Map<string, number>();

  const wake = (threadId: string) => watchers.get(threadId)?.forEach((w) => w());
  const mark = (threadId: string, delta: 1 | -1) => {
    const n = (active.get(threadId) ?? 0) + delta;
    if (n > 0) active.set(threadId, n);
    else active.delete(threadId);
  };

  /** Starts logging a turn's events; answers them to one reader as they are logged. */
  function run(workspaceId: string, source: AsyncIterable<RuntimeEvent>, options: { input: string | null; threadId?: string }): AsyncIterable<StreamItem> {
    const out = feed<StreamItem>();
    let thread = options.threadId;
    if (thread) mark(thread, 1);
    const onThread = (id: string) => {
      thread = id;
      mark(id, 1);
    };
    void (async () => {
      try {
        for await (const { event, logged } of logTurn(storeFor(deps.core, workspaceId), source, { ...options, onThread })) {
          out.push(logged ? { event, id: eventId(logged) } : { event });
          if (logged) wake(logged.threadId);
        }
      } catch (e) {
        deps.log.error(`[flashfusion] chat turn${thread ? ` of ${thread}` : ""} failed: ${e instanceof Error ? e.message : String(e)}`);
        out.push({ event: { type: "error", code: "INTERNAL", message: "the turn failed unexpectedly; nothing further was changed" } });
        out.push({ event: { type: "done", thread_id: thread ?? "", status: "error" } });
      } finally {
        if (thread) {
          mark(thread, -1);
          wake(thread);
        }
        out.end();
      }
    })();
    return out;
  }

  /**
   * The thread's events after `afterSeq`; then, while a turn runs (here or on another server),
   * its events live until its `done`. Ends after the stored events when no turn runs.
   */
  async function* follow(workspaceId: string, threadId: string, afterSeq: number, signal: AbortSignal): AsyncGenerator<LoggedEvent> {
    const store = storeFor(deps.core, workspaceId);
    const log = chatEventLog(store);
    let after = afterSeq;
    let following = false;
    let wakeUp: (() => void) | undefined;
    // Set when an event is logged between a read and the wait, so the wait is skipped.
    let dirty = false;
    const watcher = () => {
      dirty = true;
      wakeUp?.();
    };
    (watchers.get(threadId) ?? watchers.set(threadId, new Set()).get(threadId)!).add(watcher);
    try {
      while (!signal.aborted) {
        dirty = false;
        const events = await log.after(threadId, after);
        for (const e of events) {
          yield e;
          after = e.seq;
          if (following && e.event.type === "done") return;
        }
        if (events.length) continue;
        const here = active.has(threadId);
        const elsewhere = !here && (await store.get("Thread", threadId))?.status === "running";
        if (!here && !elsewhere) {
          if (!following) return;
          // The turn just ended (or its server stopped): one last look for its closing events.
          await pause(deps.pollMs, signal);
          for (const e of await log.after(threadId, after)) yield e;
          return;
        }
        following = true;
        if (dirty) continue;
        await pause(here ? 60_000 : deps.pollMs, signal, (wake) => (wakeUp = wake));
        wakeUp = undefined;
      }
    } finally {
      const set = watchers.get(threadId);
      set?.delete(watcher);
      if (set?.size === 0) watchers.delete(threadId);
    }
  }

  return { run, follow };
}

export type ChatHub = ReturnType<typeof createChatHub>;
