import { parseStreamEvent, type ApiErrorBody, type StreamEvent, type ThreadView } from "./protocol.js";
import { createSseParser } from "./sse.js";

export interface ChatApiOptions {
  /** The API server's origin (and path prefix, if any), e.g. `https://api.example.com`. */
  base: string;
  /** The current credential (a widget token `ffwt_…`); sent in a header, never in a URL. */
  credential: () => string | null;
  /** Asked once when the server answers 401, for a fresh credential (e.g. from the host's backend). */
  refresh?: () => Promise<string | null>;
  fetch?: typeof fetch;
  /** A stream silent this long is treated as dropped (the server sends keep-alives every 15 s). */
  idleTimeoutMs?: number;
}

/** The server answered with an error before a stream started: the request was refused. */
export class ChatApiError extends Error {
  override readonly name = "ChatApiError";
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly requestId?: string,
  ) {
    super(message);
  }
}

/** No answer at all: the server could not be reached. */
export class ChatNetworkError extends Error {
  override readonly name = "ChatNetworkError";
}

export interface StreamOutcome {
  /** `done` when the turn's `done` event arrived; `dropped` when the stream ended before it. */
  ended: "done" | "dropped";
  /** The last event id seen, for `Last-Event-ID` when resuming. */
  lastEventId: string | null;
}

export type EventSink = (event: StreamEvent, id: string | null) => void;

export interface ChatApi {
  chat(body: { message: string; thread_id?: string; agent?: string }, onEvent: EventSink, signal?: AbortSignal): Promise<StreamOutcome>;
  approve(threadId: string, approve: boolean, onEvent: EventSink, signal?: AbortSignal): Promise<StreamOutcome>;
  /** Every event after `lastEventId`, then the running turn live until its `done`. */
  resume(threadId: string, lastEventId: string | null, onEvent: EventSink, signal?: AbortSignal): Promise<StreamOutcome>;
  thread(threadId: string, signal?: AbortSignal): Promise<ThreadView>;
}

function isAbort(e: unknown): boolean {
  return typeof e === "object" && e !== null && (e as { name?: unknown }).name === "AbortError";
}

/** Aborts when the caller's signal does, or when `abort()` is called here. */
function linkedController(outer: AbortSignal | undefined): { controller: AbortController; unlink: () => void } {
  const controller = new AbortController();
  if (!outer) return { controller, unlink: () => {} };
  const forward = () => controller.abort(outer.reason);
  if (outer.aborted) forward();
  else outer.addEventListener("abort", forward, { once: true });
  return { controller, unlink: () => outer.removeEventListener("abort", forward) };
}

export function createChatApi(options: ChatApiOptions): ChatApi {
  const base = options.base.replace(/\/+$/, "");
  const doFetch = options.fetch ?? globalThis.fetch.bind(globalThis);
  const idleTimeoutMs = options.idleTimeoutMs ?? 45_000;

  async function request(method: "GET" | "POST", path: string, init: { body?: unknown; headers?: Record<string, string>; signal?: AbortSignal }): Promise<Response> {
    for (let attempt = 0; ; attempt++) {
      const headers: Record<string, string> = { ...init.headers };
      const credential = options.credential();
      if (credential) headers.Authorization = `Bearer ${credential}`;
      if (init.body !== undefined) headers["Content-Type"] = "application/json";
      let response: Response;
      try {
        response = await doFetch(`${base}${path}`, {
          method,
          headers,
          body: init.body === undefined ? undefined : JSON.stringify(init.body),
          signal: init.signal,
          cache: "no-store",
          credentials: "omit",
        });
      } catch (e) {
        if (isAbort(e)) throw e;
        throw new ChatNetworkError(`could not reach ${base}: ${e instanceof Error ? e.message : String(e)}`);
      }
      if (response.ok) return response;
      if (response.status === 401 && attempt === 0 && options.refresh) {
        await response.body?.cancel().catch(() => {});
        if (await options.refresh()) continue;
      }
      throw await errorOf(response);
    }
  }

  async function stream(response: Response, onEvent: EventSink, controller: AbortController, signal: AbortSignal | undefined): Promise<StreamOutcome> {
    const type = response.headers.get("content-type") ?? "";
    if (!type.startsWith("text/event-stream") || !response.body) {
      await response.body?.cancel().catch(() => {});
      throw new ChatApiError(response.status, "BAD_RESPONSE", `expected an event stream, got ${type || "no content type"}`);
    }
    let done = false;
    let lastEventId: string | null = null;
    const parser = createSseParser((raw) => {
      const event = parseStreamEvent(raw.data);
      lastEventId = raw.id || lastEventId;
      if (!event) return;
      onEvent(event, raw.id || null);
      if (event.type === "done") done = true;
    });
    const reader = response.body.getReader();
    const decoder = new TextDecoder();
    // Not every body stream stops reading when its fetch is aborted: cancel it here too.
    const cancel = () => void reader.cancel(controller.signal.reason).catch(() => {});
    controller.signal.addEventListener("abort", cancel, { once: true });
    let idle: ReturnType<typeof setTimeout> | undefined;
    const arm = () => {
      clearTimeout(idle);
      idle = setTimeout(() => controller.abort(new DOMException("the stream went silent", "TimeoutError")), idleTimeoutMs);
    };
    try {
      arm();
      while (!done) {
        const { value, done: eof } = await reader.read();
        if (eof) break;
        arm();
        parser.push(decoder.decode(value, { stream: true }));
      }
      parser.end();
    } catch {
      // A reset connection or the idle timer: a drop, resumed by the caller.
    } finally {
      clearTimeout(idle);
      controller.signal.removeEventListener("abort", cancel);
      if (done) reader.cancel().catch(() => {});
    }
    // The caller's own abort is theirs to handle.
    if (signal?.aborted) throw signal.reason;
    return { ended: done ? "done" : "dropped", lastEventId };
  }

  async function open(method: "GET" | "POST", path: string, body: unknown, headers: Record<string, string>, onEvent: EventSink, signal?: AbortSignal): Promise<StreamOutcome> {
    const { controller, unlink } = linkedController(signal);
    try {
      const response = await request(method, path, { body, headers: { Accept: "text/event-stream", ...headers }, signal: controller.signal });
      return await stream(response, onEvent, controller, signal);
    } finally {
      unlink();
    }
  }

  const threadPath = (id: string) => `/api/v1/threads/${encodeURIComponent(id)}`;

  return {
    chat: (body, onEvent, signal) => open("POST", "/api/v1/chat", body, {}, onEvent, signal),
    approve: (threadId, approve, onEvent, signal) => open("POST", `${threadPath(threadId)}/approve`, { approve }, {}, onEvent, signal),
    resume: (threadId, lastEventId, onEvent, signal) =>
      open("GET", `${threadPath(threadId)}/events`, undefined, lastEventId ? { "Last-Event-ID": lastEventId } : {}, onEvent, signal),
    async thread(threadId, signal) {
      const response = await request("GET", threadPath(threadId), { headers: { Accept: "application/json" }, signal });
      return (await response.json()) as ThreadView;
    },
  };
}

async function errorOf(response: Response): Promise<ChatApiError> {
  let body: Partial<ApiErrorBody> = {};
  try {
    body = (await response.json()) as Partial<ApiErrorBody>;
  } catch {
    // not JSON: the status says enough
  }
  const message = typeof body.message === "string" ? body.message : `the server answered ${response.status}`;
  const code = typeof body.code === "string" ? body.code : `HTTP_${response.status}`;
  return new ChatApiError(response.status, code, message, typeof body.request_id === "string" ? body.request_id : undefined);
}
