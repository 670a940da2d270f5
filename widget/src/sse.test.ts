import { describe, expect, it } from "vitest";
import { createSseParser, type SseEvent } from "./sse.js";

function parse(chunks: string[]): { events: SseEvent[]; lastEventId: string; retry: number | undefined } {
  const events: SseEvent[] = [];
  const parser = createSseParser((e) => events.push(e));
  for (const c of chunks) parser.push(c);
  parser.end();
  return { events, lastEventId: parser.lastEventId, retry: parser.retry };
}

const stream = [
  "id: thr_1:1\nevent: thread\ndata: {\"type\":\"thread\",\"thread_id\":\"thr_1\"}\n\n",
  ": keep-alive\n\n",
  "id: thr_1:2\nevent: token\ndata: {\"type\":\"token\",\"text\":\"Saved \"}\n\n",
  "id: thr_1:3\nevent: done\ndata: {\"type\":\"done\",\"status\":\"completed\"}\n\n",
].join("");

describe("SSE parser", () => {
  it("reads id, event and data, and skips comments", () => {
    const { events, lastEventId } = parse([stream]);
    expect(events.map((e) => [e.id, e.event])).toEqual([
      ["thr_1:1", "thread"],
      ["thr_1:2", "token"],
      ["thr_1:3", "done"],
    ]);
    expect(JSON.parse(events[1]!.data)).toEqual({ type: "token", text: "Saved " });
    expect(lastEventId).toBe("thr_1:3");
  });

  it("gives the same events however the stream is cut into chunks", () => {
    const whole = parse([stream]).events;
    for (let size = 1; size <= 7; size++) {
      const chunks: string[] = [];
      for (let i = 0; i < stream.length; i += size) chunks.push(stream.slice(i, i + size));
      expect(parse(chunks).events).toEqual(whole);
    }
    for (let cut = 0; cut <= stream.length; cut++) {
      expect(parse([stream.slice(0, cut), stream.slice(cut)]).events).toEqual(whole);
    }
  });

  it("accepts CRLF and lone CR line ends, even with CRLF split across chunks", () => {
    const crlf = stream.replace(/\n/g, "\r\n");
    const cr = stream.replace(/\n/g, "\r");
    const whole = parse([stream]).events;
    expect(parse([crlf]).events).toEqual(whole);
    expect(parse([cr]).events).toEqual(whole);
    const at = crlf.indexOf("\r\n\r\n") + 1; // between a CR and its LF
    expect(parse([crlf.slice(0, at), crlf.slice(at)]).events).toEqual(whole);
    // A CR then LF in separate chunks is one line end, not a blank line that dispatches early.
    expect(parse(["data: a\r", "\ndata: b\r\n\r\n"]).events).toEqual([{ id: "", event: "message", data: "a\nb" }]);
  });

  it("joins multi-line data and defaults the event name", () => {
    expect(parse(["data: one\ndata:two\ndata\n\n"]).events).toEqual([{ id: "", event: "message", data: "one\ntwo\n" }]);
  });

  it("drops an event the stream cut before its blank line", () => {
    const { events, lastEventId } = parse(["id: thr_1:1\nevent: token\ndata: {\"text\":\"Sav"]);
    expect(events).toEqual([]);
    // The id line itself was complete, so it counts (the spec sets the buffer per line).
    expect(lastEventId).toBe("thr_1:1");
  });

  it("keeps the last id across events without one and ignores ids holding NUL", () => {
    const { events, lastEventId } = parse(["id: a:1\ndata: x\n\ndata: y\n\nid: bad\0id\ndata: z\n\n"]);
    expect(events.map((e) => e.id)).toEqual(["a:1", "a:1", "a:1"]);
    expect(lastEventId).toBe("a:1");
  });

  it("does not dispatch an event with no data, strips one leading space and a BOM, reads retry", () => {
    const { events, retry } = parse(["\uFEFFevent: ping\n\nretry: 2500\nretry: soon\ndata:  two spaces\n\n"]);
    expect(events).toEqual([{ id: "", event: "message", data: " two spaces" }]);
    expect(retry).toBe(2500);
  });

  it("keeps multi-byte text whole when the caller decodes with stream: true", () => {
    const bytes = new TextEncoder().encode("data: 3 × Product-C → stock ✓\n\n");
    const decoder = new TextDecoder();
    const events: SseEvent[] = [];
    const parser = createSseParser((e) => events.push(e));
    for (const b of bytes) parser.push(decoder.decode(new Uint8Array([b]), { stream: true }));
    expect(events[0]?.data).toBe("3 × Product-C → stock ✓");
  });
});
