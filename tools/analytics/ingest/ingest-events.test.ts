import { afterEach, describe, expect, it } from "vitest";
import { createTestKit, type TestKit } from "../../testing.js";

let kit: TestKit | undefined;
afterEach(async () => {
  await kit?.close();
  kit = undefined;
});

const at = (minutes: number) => new Date(Date.parse("2026-03-10T08:00:00Z") + minutes * 60_000).toISOString();
const view = (id: string, minutes: number, path: string, who: Record<string, string> = { user_id: "u1" }) => ({ event_id: id, event_name: "page_view", properties: { path }, timestamp: at(minutes), ...who });

async function ingest(k: TestKit, events: unknown[]) {
  const out = await k.call("ingest_events", { events });
  if (out.status !== "ok") throw new Error("unexpected approval");
  return out.output as { accepted: number; duplicates: number; sessions: { created: number; updated: number; merged: number } };
}

describe("ingest_events", () => {
  it("keeps each event once by its id, in one batch and across batches", async () => {
    kit = await createTestKit();
    const batch = [view("e1", 0, "/home"), view("e2", 5, "/signup"), view("e2", 5, "/signup"), { event_id: "e3", event_name: "signup", user_id: "u1", timestamp: at(6) }];
    expect(await ingest(kit, batch)).toMatchObject({ accepted: 3, duplicates: 1 });
    expect(await ingest(kit, batch)).toMatchObject({ accepted: 0, duplicates: 4, sessions: { created: 0, updated: 0 } });
    expect(await kit.store.count("Event")).toBe(3);
    expect(await kit.store.findOne("Event", { external_id: "e3" })).toMatchObject({ event_name: "signup", event_type: "track", user_id: "u1", timestamp: at(6) });
    expect(await kit.store.findOne("Event", { external_id: "e1" })).toMatchObject({ event_type: "page", properties: { path: "/home" } });
    expect(await kit.store.count("Session")).toBe(1);
  });

  it("derives sessions: 30 minutes of inactivity closes one; late events extend or bridge", async () => {
    kit = await createTestKit();
    await ingest(kit, [view("a", 0, "/home"), view("b", 10, "/pricing"), view("c", 70, "/home"), { event_id: "p", event_name: "purchase", user_id: "u1", timestamp: at(75) }]);
    let sessions = await kit.store.find("Session", { user_id: "u1" }, { orderBy: "started_at" });
    expect(sessions.map((s) => [s.started_at, s.ended_at, s.duration_seconds, s.page_views, s.entry_path, s.converted])).toEqual([
      [at(0), at(10), 600, 2, "/home", false],
      [at(70), at(75), 300, 1, "/home", true],
    ]);
    // An event 35 minutes after the first session ends joins the second (25 minutes before it starts)…
    await ingest(kit, [view("d", 45, "/blog")]);
    expect(await kit.store.count("Session")).toBe(2);
    // …but one at 30 minutes joins the gap and merges both into one.
    await ingest(kit, [view("e", 35, "/docs")]);
    sessions = await kit.store.find("Session", { user_id: "u1" });
    expect(sessions).toHaveLength(1);
    expect(sessions[0]).toMatchObject({ started_at: at(0), ended_at: at(75), duration_seconds: 4500, page_views: 5, entry_path: "/home", converted: true });
    // An earlier page view becomes the entry path.
    await ingest(kit, [view("f", -20, "/ads")]);
    expect(await kit.store.findOne("Session", { user_id: "u1" })).toMatchObject({ started_at: at(-20), entry_path: "/ads", page_views: 6 });
  });

  it("keeps anonymous visitors apart by their session id, and people apart by user", async () => {
    kit = await createTestKit();
    await ingest(kit, [view("x1", 0, "/home", { session_id: "s1" }), view("x2", 1, "/home", { session_id: "s2" }), view("x3", 2, "/home", { user_id: "u2" }), { event_id: "x4", event_name: "ping", timestamp: at(3) }]);
    expect((await kit.store.find("Session")).map((s) => [s.user_id, s.session_key]).sort()).toEqual([
      [null, "s1"],
      [null, "s2"],
      ["u2", null],
    ]);
  });
});
