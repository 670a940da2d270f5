/** One dispatched Server-Sent Event. */
export interface SseEvent {
  /** The stream's last event id when this event was dispatched (ids persist across events). */
  id: string;
  /** `message` when the event named none. */
  event: string;
  data: string;
}

export interface SseParser {
  /** Feed decoded text; events may be split anywhere, even between `\r` and `\n`. */
  push(text: string): void;
  /** The stream ended: an event without its blank line is dropped, as the spec says. */
  end(): void;
  /** The last `id:` seen, for `Last-Event-ID` on a reconnect. */
  readonly lastEventId: string;
  /** The server's `retry:` advice in milliseconds, if it gave one. */
  readonly retry: number | undefined;
}

/**
 * An incremental parser for `text/event-stream` (WHATWG HTML §9.2.6): CR, LF and CRLF line
 * ends, comments, multi-line data, `id` without NUL, numeric `retry`, a leading BOM.
 */
export function createSseParser(onEvent: (event: SseEvent) => void): SseParser {
  let pending = "";
  let started = false;
  let type = "";
  let data: string[] = [];
  let lastEventId = "";
  let retry: number | undefined;

  function dispatch(): void {
    const lines = data;
    const name = type;
    data = [];
    type = "";
    if (lines.length === 0) return;
    onEvent({ id: lastEventId, event: name || "message", data: lines.join("\n") });
  }

  function line(text: string): void {
    if (text === "") return dispatch();
    if (text.charCodeAt(0) === 58 /* : */) return; // a comment: keep-alive
    const colon = text.indexOf(":");
    const field = colon === -1 ? text : text.slice(0, colon);
    let value = colon === -1 ? "" : text.slice(colon + 1);
    if (value.charCodeAt(0) === 32) value = value.slice(1);
    switch (field) {
      case "event":
        type = value;
        break;
      case "data":
        data.push(value);
        break;
      case "id":
        if (!value.includes("\0")) lastEventId = value;
        break;
      case "retry":
        if (/^\d+$/.test(value)) retry = Number(value);
        break;
      // other fields are ignored
    }
  }

  return {
    push(chunk: string) {
      let text = pending + chunk;
      pending = "";
      if (!started && text.length > 0) {
        started = true;
        if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
      }
      let start = 0;
      for (let i = 0; i < text.length; i++) {
        const c = text.charCodeAt(i);
        if (c !== 10 && c !== 13) continue;
        if (c === 13) {
          // A CR at the very end may be the first half of CRLF: wait for the next chunk.
          if (i + 1 === text.length) break;
          line(text.slice(start, i));
          if (text.charCodeAt(i + 1) === 10) i++;
        } else {
          line(text.slice(start, i));
        }
        start = i + 1;
      }
      pending = text.slice(start);
    },
    end() {
      if (pending.endsWith("\r")) line(pending.slice(0, -1));
      pending = "";
      data = [];
      type = "";
    },
    get lastEventId() {
      return lastEventId;
    },
    get retry() {
      return retry;
    },
  };
}
