import { describe, expect, it } from "vitest";
import { BoundedLog } from "./bounded-log.js";
import { createMasker, MASK, maskAll } from "./masker.js";
import { Semaphore } from "./semaphore.js";

/** Feeds text to a masker in the given chunk sizes and answers everything it let out. */
function stream(secrets: string[], text: string, sizes: number[]): string {
  const m = createMasker(secrets);
  let out = "";
  let at = 0;
  for (let i = 0; at < text.length; i++) {
    const size = sizes[i % sizes.length]!;
    out += m.write(text.slice(at, at + size));
    at += size;
  }
  return out + m.end();
}

describe("the secret masker", () => {
  const secret = "s3cr3t-V4lue!";

  it("masks every occurrence in one chunk", () => {
    expect(maskAll(`a ${secret} b ${secret}`, [secret])).toBe(`a ${MASK} b ${MASK}`);
  });

  it("masks a value split across chunks, at every split point and chunk size", () => {
    const text = `before ${secret} middle ${secret}${secret} after`;
    const expected = `before ${MASK} middle ${MASK}${MASK} after`;
    for (let size = 1; size <= text.length; size++) {
      expect(stream([secret], text, [size]), `chunks of ${size}`).toBe(expected);
    }
    expect(stream([secret], text, [1, 5, 2, 9, 3])).toBe(expected);
  });

  it("never lets out more of a value than a prefix that turned out not to be it", () => {
    const m = createMasker([secret]);
    expect(m.write("xx s3cr")).toBe("xx ");
    expect(m.write("3t-V4")).toBe("");
    expect(m.write("lue! yy")).toBe(`${MASK} yy`);
    expect(m.write("s3c")).toBe("");
    expect(m.write("ond")).toBe("s3cond");
    expect(m.end()).toBe("");
  });

  it("releases a held prefix at the end of the stream", () => {
    const m = createMasker([secret]);
    expect(m.write("ends with s3c")).toBe("ends with ");
    expect(m.end()).toBe("s3c");
  });

  it("masks the longer of two secrets that share a beginning, and both when apart", () => {
    expect(maskAll("key=abcdef and abc", ["abc", "abcdef"])).toBe(`key=${MASK} and ${MASK}`);
    expect(stream(["abc", "abcdef"], "xabcdefy", [1])).toBe(`x${MASK}y`);
  });

  it("masks values with newlines and multi-byte characters", () => {
    const pem = "-----BEGIN KEY-----\nMIIBOgIBAAJBAKj34GkxFhD9\n-----END KEY-----";
    expect(stream([pem, "pässwörd✓"], `${pem}\nuser pässwörd✓.`, [4])).toBe(`${MASK}\nuser ${MASK}.`);
  });

  it("passes text through untouched when there are no secrets", () => {
    expect(stream([], "nothing to hide", [3])).toBe("nothing to hide");
    expect(maskAll("empty values are ignored", [""])).toBe("empty values are ignored");
  });
});

describe("the bounded log", () => {
  it("keeps everything under the limit", () => {
    const log = new BoundedLog(100);
    log.append("hello ");
    log.append("world");
    expect(log.toString()).toBe("hello world");
  });

  it("keeps the beginning and the end, and says how much was left out", () => {
    const log = new BoundedLog(40);
    for (let i = 0; i < 100; i++) log.append(`${String(i).padStart(3, "0")}\n`);
    const text = log.toString();
    expect(text.startsWith("000\n001\n")).toBe(true);
    expect(text.endsWith("098\n099\n")).toBe(true);
    expect(text).toContain("characters of log left out");
    expect(log.length).toBe(40);
    const omitted = Number(/\[… (\d+) characters/.exec(text)![1]);
    expect(omitted + log.length).toBe(400);
  });
});

describe("the semaphore", () => {
  it("lets `limit` holders in at once and the rest in arrival order", async () => {
    const s = new Semaphore(2);
    const order: string[] = [];
    const a = await s.acquire();
    const b = await s.acquire();
    const c = s.acquire().then((release) => {
      order.push("c");
      return release;
    });
    const d = s.acquire().then((release) => {
      order.push("d");
      return release;
    });
    await new Promise((r) => setTimeout(r, 10));
    expect(order).toEqual([]);
    a();
    a();
    (await c)();
    b();
    (await d)();
    expect(order).toEqual(["c", "d"]);
  });

  it("drops a waiter whose signal aborts", async () => {
    const s = new Semaphore(1);
    const held = await s.acquire();
    const controller = new AbortController();
    const waiting = s.acquire(controller.signal);
    controller.abort("cancelled");
    await expect(waiting).rejects.toBe("cancelled");
    held();
    const next = await s.acquire();
    next();
  });
});
