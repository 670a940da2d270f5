import type { StreamItem } from "./hub.js";

const encoder = new TextEncoder();

/** One Server-Sent Event: `id`, `event` (the runtime event's type) and `data` (the event as JSON). */
export function sseFrame(item: StreamItem): string {
  const id = item.id ? `id: ${item.id}\n` : "";
  return `${id}event: ${item.event.type}\ndata: ${JSON.stringify(item.event)}\n\n`;
}

/**
 * An event-stream answer written as the items come: each event is flushed on its own (no
 * buffering, no compression), with a `: keep-alive` comment whenever nothing was sent for
 * `keepAliveMs`. When the client goes away the reading stops (`abort`); what produced the items
 * is not stopped by it.
 */
export function sseResponse(items: AsyncIterable<StreamItem>, options: { keepAliveMs: number; headers?: Record<string, string>; abort?: AbortController }): Response {
  let timer: NodeJS.Timeout | undefined;
  let closed = false;
  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      const send = (text: string) => {
        if (closed) return;
        try {
          controller.enqueue(encoder.encode(text));
        } catch {
          closed = true;
        }
      };
      const beat = () => {
        clearTimeout(timer);
        timer = setTimeout(() => {
          send(": keep-alive\n\n");
          beat();
        }, options.keepAliveMs);
      };
      beat();
      void (async () => {
        try {
          for await (const item of items) {
            if (closed) break;
            send(sseFrame(item));
            beat();
          }
        } finally {
          clearTimeout(timer);
          if (!closed) {
            closed = true;
            controller.close();
          }
        }
      })();
    },
    cancel() {
      closed = true;
      clearTimeout(timer);
      options.abort?.abort();
    },
  });
  return new Response(body, {
    status: 200,
    headers: { "content-type": "text/event-stream; charset=utf-8", "cache-control": "no-cache, no-transform", "x-accel-buffering": "no", ...options.headers },
  });
}
