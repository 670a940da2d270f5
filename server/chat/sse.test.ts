import { describe, expect, it } from "vitest";
import type { StreamItem } from "./hub.js";
import { sseFrame, sseResponse } from "./sse.js";

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe("the event-stream writer", () => {
  it("frames an event with its id, type and JSON data", () => {
    expect(sseFrame({ id: "thr_a:3", event: { type: "token", agent: "Copilot", text: "Hi\nthere" } })).toBe(
      'id: thr_a:3\nevent: token\ndata: {"type":"token","agent":"Copilot","text":"Hi\\nthere"}\n\n',
    );
  });

  it("hands each event over as it comes, and says keep-alive while nothing comes", async () => {
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    async function* items(): AsyncGenerator<StreamItem> {
      yield { id: "thr_a:1", event: { type: "thread", thread_id: "thr_a" } };
      await gate;
      yield { id: "thr_a:2", event: { type: "done", thread_id: "thr_a", status: "completed" } };
    }
    const res = sseResponse(items(), { keepAliveMs: 20 });
    expect(res.headers.get("content-type")).toBe("text/event-stream; charset=utf-8");
    const reader = res.body!.getReader();
    const decoder = new TextDecoder();
    const first = decoder.decode((await reader.read()).value);
    expect(first).toContain("event: thread");
    expect(first).not.toContain("event: done");
    await sleep(70);
    release();
    let rest = "";
    for (let r = await reader.read(); !r.done; r = await reader.read()) rest += decoder.decode(r.value);
    expect(rest).toMatch(/^(: keep-alive\n\n)+id: thr_a:2\nevent: done/);
  });

  it("stops reading, and tells its producer, when the client goes away", async () => {
    const abort = new AbortController();
    let produced = 0;
    async function* items(): AsyncGenerator<StreamItem> {
      for (;;) {
        produced++;
        yield { event: { type: "token", agent: "Copilot", text: "x" } };
        await sleep(5);
      }
    }
    const res = sseResponse(items(), { keepAliveMs: 1000, abort });
    const reader = res.body!.getReader();
    await reader.read();
    await reader.cancel();
    expect(abort.signal.aborted).toBe(true);
    const at = produced;
    await sleep(40);
    expect(produced - at).toBeLessThanOrEqual(1);
  });
});
