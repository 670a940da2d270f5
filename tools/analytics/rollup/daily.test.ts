import { afterEach, describe, expect, it } from "vitest";
import type { TestKit } from "../../testing.js";
import { analyticsKit, pageView } from "../testing.js";
import { runDailyRollup } from "./daily.js";

let kit: TestKit;
afterEach(() => kit?.close());

describe("daily rollup", () => {
  it("writes one snapshot per day and workspace, and updates it when run again", async () => {
    kit = await analyticsKit("2026-03-10T09:00:00Z");
    const s = kit.store;
    await s.insert("User", { id: "old", email: "old@example.com", created_at: "2026-02-01T00:00:00Z" });
    await s.insert("User", { id: "new", email: "new@example.com", created_at: "2026-03-09T08:00:00Z" });
    await pageView(s, "old", "/home", "2026-03-09T09:00:00Z");
    await pageView(s, "new", "/home", "2026-03-09T10:00:00Z");
    await pageView(s, "new", "/pricing", "2026-03-09T10:05:00Z");
    await s.insert("Event", { event_name: "signup", user_id: "new", timestamp: "2026-03-09T08:00:00Z" });
    await pageView(s, "old", "/home", "2026-03-10T08:00:00Z"); // today: not in yesterday's snapshot
    await s.insert("Session", { user_id: "new", started_at: "2026-03-09T10:00:00Z", duration_seconds: 120, converted: true });
    await s.insert("Session", { user_id: "old", started_at: "2026-03-09T09:00:00Z", duration_seconds: 60 });
    await s.insert("Order", { user_id: "new", status: "paid", total_amount: 49.99, created_at: "2026-03-09T11:00:00Z" });
    await s.insert("Order", { user_id: "old", status: "failed", total_amount: 10, created_at: "2026-03-09T12:00:00Z" });
    await s.insert("Payment", { order_id: "o", status: "succeeded", amount: 49.99, created_at: "2026-03-09T11:00:00Z" });
    const other = await kit.storeOf("ws_other");
    await pageView(other, "x", "/home", "2026-03-09T09:00:00Z");

    const deps = { db: kit.db.kysely, cipher: kit.deps.cipher, clock: kit.deps.clock, ids: kit.deps.ids };
    const first = await runDailyRollup(deps, { workspaceIds: ["ws_default"] });
    expect(first).toEqual([{ workspace_id: "ws_default", period: "2026-03-09", snapshot_id: expect.stringMatching(/^snap_/) }]);
    const snap = await s.require("AnalyticsSnapshot", first[0]!.snapshot_id);
    expect(snap.metrics).toEqual({
      events: 4,
      active_users: 2,
      page_views: 3,
      signups: 1,
      new_users: 1,
      returning_users: 1,
      sessions: 2,
      avg_session_seconds: 90,
      converted_sessions: 1,
      orders: 2,
      orders_amount: 59.99,
      paid_orders: 1,
      revenue: 49.99,
      payments_succeeded: 1,
      payments_amount: 49.99,
    });
    expect(snap.funnel_data).toEqual({ pages: [{ path: "/home", views: 2, visitors: 2 }, { path: "/pricing", views: 1, visitors: 1 }] });
    expect(snap.cohort_data).toEqual({ new_users: 1, returning_users: 1 });

    await pageView(s, "old", "/pricing", "2026-03-09T20:00:00Z");
    const again = await runDailyRollup(deps, { days: 2 });
    expect(again.map((r) => `${r.workspace_id} ${r.period}`)).toEqual([
      "ws_default 2026-03-08", "ws_default 2026-03-09", "ws_other 2026-03-08", "ws_other 2026-03-09",
    ]);
    const snaps = await s.find("AnalyticsSnapshot", { period: "2026-03-09" });
    expect(snaps).toHaveLength(1);
    expect(snaps[0]!.id).toBe(snap.id);
    expect(snaps[0]!.metrics).toMatchObject({ page_views: 4 });
    expect((await other.find("AnalyticsSnapshot", { period: "2026-03-09" }))[0]!.metrics).toMatchObject({ events: 1 });
  });
});
