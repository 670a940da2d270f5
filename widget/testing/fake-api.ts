// A scripted stand-in for the chat API's HTTP side, for the widget's node tests: each request is
// recorded and answered by the first matching route.
import type { StreamEvent } from "../src/protocol.js";
import type { KeyValueStorage } from "../src/storage.js";

/** localStorage's three methods over a Map the test can inspect. */
export function memoryStorage(): KeyValueStorage & { data: Map<string, string> } {
  const data = new Map<string, string>();
  return { data, getItem: (k) => data.get(k) ?? null, setItem: (k, v) => void data.set(k, v), removeItem: (k) => void data.delete(k) };
}

export interface Recorded {
  method: string;
  url: string;
  headers: Record<string, string>;
  body: unknown;
}

type Answer = Response | ((req: Recorded) => Response | Promise<Response>);

/** An SSE frame for one event, with its `id: <thread>:<seq>`. */
export function frame(threadId: string, seq: number, event: StreamEvent): string {
  return `id: ${threadId}:${seq}\nevent: ${event.type}\ndata: ${JSON.stringify(event)}\n\n`;
}

/** Frames for a turn's events, numbered from `first`. */
export function frames(threadId: string, first: number, events: StreamEvent[]): string[] {
  return events.map((e, i) => frame(threadId, first + i, e));
}

/**
 * A `text/event-stream` response sending `chunks` one by one; `drop` makes the body fail after
 * them as a reset connection does, `hang` keeps it open and silent.
 */
export function sse(chunks: string[], end: "close" | "drop" | "hang" = "close"): Response {
  const encoder = new TextEncoder();
  let i = 0;
  const body = new ReadableStream<Uint8Array>({
    async pull(controller) {
      await new Promise((r) => setTimeout(r, 0));
      if (i < chunks.length) return controller.enqueue(encoder.encode(chunks[i++]!));
      if (end === "close") return controller.close();
      if (end === "drop") return controller.error(new TypeError("network error"));
      await new Promise(() => {}); // hang
    },
  });
  return new Response(body, { status: 200, headers: { "content-type": "text/event-stream; charset=utf-8" } });
}

export function json(status: number, value: unknown): Response {
  return new Response(JSON.stringify(value), { status, headers: { "content-type": "application/json" } });
}

export function apiError(status: number, code: string, message: string): Response {
  return json(status, { error: code.toLowerCase(), message, code, request_id: "req_test" });
}

export function fakeApi() {
  const requests: Recorded[] = [];
  const routes: { method: string; path: RegExp; answers: Answer[] }[] = [];
  const fetch = async (input: string | URL | Request, init: RequestInit = {}): Promise<Response> => {
    const url = String(input);
    const headers: Record<string, string> = {};
    new Headers(init.headers).forEach((v, k) => (headers[k] = v));
    const req: Recorded = { method: init.method ?? "GET", url, headers, body: typeof init.body === "string" ? JSON.parse(init.body) : undefined };
    requests.push(req);
    const path = new URL(url).pathname;
    const route = routes.find((r) => r.method === req.method && r.path.test(path) && r.answers.length > 0);
    if (!route) throw new TypeError(`fake API: no answer left for ${req.method} ${path}`);
    const answer = route.answers.shift()!;
    if (init.signal?.aborted) throw init.signal.reason;
    return typeof answer === "function" ? answer(req) : answer;
  };
  return {
    fetch: fetch as typeof globalThis.fetch,
    requests,
    /** Queues answers for requests matching `method` and `path`, used in order. */
    on(method: "GET" | "POST", path: RegExp, ...answers: Answer[]) {
      routes.push({ method, path, answers });
    },
  };
}
