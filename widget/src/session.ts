import { ChatApiError, ChatNetworkError, type ChatApi, type EventSink, type StreamOutcome } from "./api.js";
import type { PendingApproval, StreamEvent } from "./protocol.js";
import type { ThreadStore } from "./storage.js";
import type { AssistantItem, Transcript } from "./transcript.js";

/** What the session is doing, for the status line. */
export type SessionStatus = "idle" | "loading" | "waiting" | "streaming" | "reconnecting";

export interface ChatErrorDetail {
  code: string;
  message: string;
  /** The HTTP status when the server refused a request. */
  status?: number;
}

export interface SessionOptions {
  api: ChatApi;
  transcript: Transcript;
  threads: ThreadStore;
  /** The agent to address, if the host named one. */
  agent?: () => string | undefined;
  onStatus?: (status: SessionStatus) => void;
  /** An assistant reply finished (streamed or recovered). */
  onReply?: (item: AssistantItem, threadId: string | null) => void;
  onApproval?: (approval: PendingApproval, threadId: string | null) => void;
  onError?: (error: ChatErrorDetail) => void;
  /** Pauses before each reconnect attempt; the last one repeats no further. */
  retryDelaysMs?: readonly number[];
}

const DEFAULT_RETRIES = [250, 1000, 2000, 4000, 8000, 8000];

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) return reject(signal.reason);
    const timer = setTimeout(() => {
      signal.removeEventListener("abort", stop);
      resolve();
    }, ms);
    const stop = () => {
      clearTimeout(timer);
      reject(signal.reason);
    };
    signal.addEventListener("abort", stop, { once: true });
  });
}

function isAbort(e: unknown, signal: AbortSignal): boolean {
  return signal.aborted || (typeof e === "object" && e !== null && (e as { name?: unknown }).name === "AbortError");
}

/** Words for a refusal the person can act on; the server's message says the rest. */
function describe(e: unknown): ChatErrorDetail {
  if (e instanceof ChatApiError) {
    const lead =
      e.status === 401
        ? "Your chat session has expired; reload the page to continue."
        : e.status === 403
          ? "This site may not use this chat."
          : e.status === 429
            ? "Too many messages at once; wait a moment and send again."
            : null;
    return { code: e.code, status: e.status, message: lead ? `${lead} (${e.message})` : e.message };
  }
  if (e instanceof ChatNetworkError) return { code: "NETWORK", message: "Could not reach the chat server. Check your connection and send again." };
  return { code: "INTERNAL", message: e instanceof Error ? e.message : String(e) };
}

/**
 * One person's conversation with the agents: sends messages one at a time, streams the
 * replies into the transcript, resumes a dropped stream from its last event and then resyncs
 * from the thread's history, and answers approvals.
 */
export class ChatSession {
  private controller = new AbortController();
  private queue: Promise<void> = Promise.resolve();
  private restored: Promise<void> | null = null;
  private lastEventId: string | null = null;
  private readonly retries: readonly number[];

  constructor(private readonly options: SessionOptions) {
    this.retries = options.retryDelaysMs ?? DEFAULT_RETRIES;
  }

  get threadId(): string | null {
    return this.options.threads.get();
  }

  /** Loads the remembered thread from the server, once; later calls share the first. */
  restore(): Promise<void> {
    this.restored ??= this.enqueue((signal) => this.load(signal, true));
    return this.restored;
  }

  /** Shows the message at once and sends it when the turns before it have finished. */
  send(text: string): Promise<void> {
    const message = text.trim();
    if (!message) return Promise.resolve();
    this.restore();
    const pending = this.options.transcript.pendingApproval();
    // A new message instead of a decision: the server rejects the waiting action.
    if (pending) this.options.transcript.setApprovalState(pending.id, "rejected");
    this.options.transcript.addUser(message);
    return this.enqueue(async (signal) => {
      await this.turn(signal, (sink) => {
        const threadId = this.threadId;
        const agent = this.options.agent?.();
        return this.options.api.chat({ message, ...(threadId ? { thread_id: threadId } : {}), ...(agent ? { agent } : {}) }, sink, signal);
      });
    });
  }

  /** Answers the pending approval and streams the rest of the turn. */
  decide(approve: boolean): Promise<void> {
    return this.enqueue(async (signal) => {
      const pending = this.options.transcript.pendingApproval();
      const threadId = this.threadId;
      if (!pending || !threadId) return;
      this.options.transcript.setApprovalState(pending.id, "sending");
      const ok = await this.turn(signal, (sink) => this.options.api.approve(threadId, approve, sink, signal));
      if (ok) this.options.transcript.setApprovalState(pending.id, approve ? "approved" : "rejected");
      else await this.load(signal, false);
    });
  }

  /** Forgets the thread and starts afresh; anything still streaming is cut off. */
  reset(): void {
    this.dispose();
    this.controller = new AbortController();
    this.queue = Promise.resolve();
    this.restored = Promise.resolve();
    this.lastEventId = null;
    this.options.threads.clear();
    this.options.transcript.clear();
    this.status("idle");
  }

  dispose(): void {
    this.controller.abort(new DOMException("the chat was reset", "AbortError"));
  }

  private enqueue(task: (signal: AbortSignal) => Promise<void>): Promise<void> {
    const signal = this.controller.signal;
    const run = this.queue.then(() => (signal.aborted ? undefined : task(signal)));
    this.queue = run.catch(() => {});
    return run.catch((e) => {
      if (!isAbort(e, signal)) throw e;
    });
  }

  private status(status: SessionStatus): void {
    this.options.onStatus?.(status);
  }

  private fail(e: unknown): void {
    const detail = describe(e);
    this.options.transcript.notice(detail.message, "error");
    this.options.onError?.(detail);
  }

  private readonly sink: EventSink = (event: StreamEvent, id: string | null) => {
    if (id) this.lastEventId = id;
    if (event.type === "thread" && event.thread_id && event.thread_id !== this.threadId) this.options.threads.set(event.thread_id);
    if (event.type !== "thread" && event.type !== "usage" && event.type !== "done") this.status("streaming");
    const finished = this.options.transcript.apply(event);
    if (finished) this.options.onReply?.(finished, this.threadId);
    if (event.type === "approval_required") this.options.onApproval?.(event.approval, this.threadId);
    if (event.type === "error") this.options.onError?.({ code: event.code, message: event.message });
  };

  /** Runs one streamed request to its `done`, recovering a drop. False when it was refused. */
  private async turn(signal: AbortSignal, open: (sink: EventSink) => Promise<StreamOutcome>): Promise<boolean> {
    this.status("waiting");
    try {
      const outcome = await open(this.sink);
      if (outcome.ended === "dropped") await this.recover(signal, outcome.lastEventId ?? this.lastEventId);
      return true;
    } catch (e) {
      if (isAbort(e, signal)) throw e;
      this.closeDraft();
      this.fail(e);
      return false;
    } finally {
      if (!signal.aborted) this.status("idle");
    }
  }

  /**
   * The stream dropped before `done`: ask for every event after the last one applied (the
   * turn goes on on the server), then replace the transcript with the thread's history.
   */
  private async recover(signal: AbortSignal, from: string | null): Promise<void> {
    let lastId = from;
    for (let attempt = 0; attempt < this.retries.length; attempt++) {
      const threadId = this.threadId;
      if (!threadId) break;
      this.status("reconnecting");
      await sleep(this.retries[attempt]!, signal);
      try {
        const before = lastId;
        const outcome = await this.options.api.resume(threadId, lastId, this.sink, signal);
        lastId = outcome.lastEventId ?? lastId;
        if (outcome.ended === "done") break;
        if (lastId !== before) attempt = -1; // progress: the next drop starts the pauses over
      } catch (e) {
        if (isAbort(e, signal)) throw e;
        if (e instanceof ChatApiError) break; // refused, not unreachable: the history will tell
      }
    }
    this.closeDraft();
    await this.load(signal, false);
  }

  /** Replaces the transcript with the thread's history; a turn still running is followed live. */
  private async load(signal: AbortSignal, first: boolean): Promise<void> {
    const threadId = this.threadId;
    if (!threadId) return;
    this.status("loading");
    try {
      const view = await this.options.api.thread(threadId, signal);
      this.options.transcript.load(view);
      this.lastEventId = view.last_event_id ?? this.lastEventId;
      if (first && view.status === "running") {
        // Reloaded mid-turn: replay the running turn from its start, then take the history.
        const outcome = await this.options.api.resume(threadId, null, this.sink, signal);
        if (outcome.ended === "done") this.options.transcript.load(await this.options.api.thread(threadId, signal));
      }
    } catch (e) {
      if (isAbort(e, signal)) throw e;
      if (e instanceof ChatApiError && e.status === 404) {
        // Not this person's thread any more (another user, another workspace, deleted): start afresh.
        this.options.threads.clear();
        return;
      }
      this.fail(e);
    } finally {
      if (!signal.aborted) this.status("idle");
    }
  }

  /** A reply cut off for good still ends: it stops showing as being written. */
  private closeDraft(): void {
    if (this.options.transcript.streaming) this.options.transcript.apply({ type: "done", thread_id: this.threadId ?? "", status: "error" });
  }
}
