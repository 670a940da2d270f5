import { getEventListeners } from "node:events";
import { afterAll, beforeAll, expect, it } from "vitest";
import type { RuntimeEvent } from "../../graph/events.js";
import { createTestKit, type TestKit } from "../../tools/testing.js";
import { createChatHub } from "./hub.js";

let kit: TestKit;
beforeAll(async () => {
  kit = await createTestKit();
});
afterAll(() => kit.close());

it("follows a long turn woken by every event without leaving a timer or abort listener per wake behind", async () => {
  const thread = await kit.store.insert("Thread", { actor_id: kit.actor.id, title: "long turn" });
  const hub = createChatHub({ core: kit.deps, log: { info: () => {}, error: (line) => expect.fail(line) }, pollMs: 50 });
  let release!: () => void;
  const started = new Promise<void>((resolve) => (release = resolve));
  async function* turn(): AsyncGenerator<RuntimeEvent> {
    yield { type: "thread", thread_id: thread.id };
    await started;
    for (let i = 0; i < 40; i++) {
      yield { type: "token", agent: "Copilot", text: `t${i} ` };
      await new Promise((r) => setTimeout(r, 2));
    }
    yield { type: "done", thread_id: thread.id, status: "completed" };
  }
  const abort = new AbortController();
  const running = hub.run("ws_default", turn(), { input: "go", threadId: thread.id });
  const followed: RuntimeEvent[] = [];
  let mostListeners = 0;
  const following = (async () => {
    for await (const e of hub.follow("ws_default", thread.id, 0, abort.signal)) {
      followed.push(e.event);
      mostListeners = Math.max(mostListeners, getEventListeners(abort.signal, "abort").length);
      if (followed.length === 1) release();
    }
  })();
  for await (const _ of running);
  await following;
  expect(followed.map((e) => e.type)).toEqual(["thread", ...Array(40).fill("token"), "done"]);
  expect(mostListeners).toBeLessThanOrEqual(1);
  expect(getEventListeners(abort.signal, "abort")).toHaveLength(0);
});
