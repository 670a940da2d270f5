import { afterEach, describe, expect, it } from "vitest";
import type { TestKit } from "../testing.js";
import { analyticsKit, before, DAY, HOUR, pageView } from "./testing.js";

const NOW = "2026-03-10T09:00:00Z";
let kit: TestKit;
afterEach(() => kit?.close());

describe("analyze_funnel", () => {
  it("answers the weekly funnel with its forecast (public case ss-funnel-weekly)", async () => {
    kit = await analyticsKit(NOW);
    for (let i = 0; i < 10; i++) await pageView(kit.store, `u${i}`, "/signup", before(NOW, (i + 2) * HOUR), `s${i}`);
    for (let i = 0; i < 4; i++) await pageView(kit.store, `u${i}`, "/checkout", before(NOW, (i + 1) * HOUR), `s${i}`);
    await pageView(kit.store, "u99", "/checkout", before(NOW, 3 * HOUR), "s99");

    const out = await kit.call("analyze_funnel", { steps: ["/signup", "/checkout"], period_days: 7, forecast_days: 7 });
    if (out.status !== "ok") throw new Error("expected a result");
    expect(out.reply).toMatch(/\b40(\.0+)?\s*(%|percent)/i);
    expect(out.reply).toMatch(/forecast/i);
    expect(out.reply).not.toContain("<svg");
    const o = out.output as any;
    expect(o.steps.map((s: any) => [s.label, s.count, s.drop_off])).toEqual([["/signup", 10, 0], ["/checkout", 4, 6]]);
    expect(o.conversion_rate).toBe(0.4);
    expect(o.chart_svg).toMatch(/^<svg[^>]+xmlns="http:\/\/www.w3.org\/2000\/svg"/);

    const funnels = await kit.store.find("InsightReport", { report_type: "funnel" });
    expect(funnels).toHaveLength(1);
    expect(funnels[0]!.confidence_score).toBeGreaterThanOrEqual(0);
    expect(funnels[0]!.confidence_score).toBeLessThanOrEqual(1);
    expect(funnels[0]!.confidence_basis).toMatchObject({ method: "sample × fit × coverage" });
    // The forecast is its own report, linked from the funnel's data.
    const [forecast] = await kit.store.find("InsightReport", { report_type: "forecast" });
    expect(funnels[0]!.data).toMatchObject({ forecast_report_id: forecast!.id, entered: 10, converted: 4 });
    // Entries on whole days before now: only 2026-03-09 (u8 at 23:00, u9 at 22:00).
    expect(forecast!.data).toMatchObject({ history: [{ start: "2026-03-09T00:00:00.000Z", value: 2 }] });
    expect((forecast!.data as any).forecast).toHaveLength(7);
  });

  it("reads 20% for the seed's encoded arrow case (ss-funnel-seed-encoding)", async () => {
    kit = await analyticsKit(NOW);
    for (let i = 0; i < 5; i++) await pageView(kit.store, `u${i}`, "/signup", before(NOW, (i + 2) * HOUR));
    await pageView(kit.store, "u0", "/checkout", before(NOW, HOUR));
    const out = await kit.call("analyze_funnel", { steps: ["/signup", "/checkout"], period_days: 7 });
    if (out.status !== "ok") throw new Error("expected a result");
    expect(out.reply).toMatch(/\b20(\.0+)?\s*(%|percent)/i);
    expect(out.reply).not.toMatch(/forecast/i);
    expect(await kit.store.count("InsightReport", { report_type: "forecast" })).toBe(0);
  });

  it("counts a month, an event-name step, sessions without users and the conversion window", async () => {
    kit = await analyticsKit(NOW);
    // In March: a converts on the same day, b too late for a 1-day window, c by session only.
    await pageView(kit.store, "a", "/home", "2026-03-02T10:00:00Z");
    await kit.store.insert("Event", { event_name: "trial_started", user_id: "a", timestamp: "2026-03-02T11:00:00Z" });
    await pageView(kit.store, "b", "/home/", "2026-03-03T10:00:00Z");
    await kit.store.insert("Event", { event_name: "trial_started", user_id: "b", timestamp: "2026-03-05T10:00:00Z" });
    await pageView(kit.store, null, "/home", "2026-03-04T10:00:00Z", "sess-c");
    await kit.store.insert("Event", { event_name: "trial_started", session_id: "sess-c", timestamp: "2026-03-04T10:30:00Z" });
    // February does not count for March.
    await pageView(kit.store, "d", "/home", "2026-02-20T10:00:00Z");

    const out = await kit.call("analyze_funnel", { steps: ["/home", "trial started"], month: "march", window_days: 1 });
    if (out.status !== "ok") throw new Error("expected a result");
    const o = out.output as any;
    expect(o.steps.map((s: any) => [s.label, s.count])).toEqual([["/home", 3], ["trial_started", 2]]);
    expect(o.period.label).toBe("March 2026 up to now");
    expect(out.reply).toMatch(/66\.7%/);
  });

  it("says no one entered, with zero confidence and a follow-up task", async () => {
    kit = await analyticsKit(NOW);
    const out = await kit.call("analyze_funnel", { steps: ["/signup", "/checkout"] });
    if (out.status !== "ok") throw new Error("expected a result");
    expect(out.reply).toMatch(/No one entered/);
    const o = out.output as any;
    expect(o.confidence_score).toBe(0);
    const task = await kit.store.require("Task", o.task_id);
    expect(task).toMatchObject({ source: "insight", related_id: o.id, workflow_type: null, status: "open" });
  });

  it("asks for an event name it does not know, naming the recorded ones", async () => {
    kit = await analyticsKit(NOW);
    await kit.store.insert("Event", { event_name: "signup", user_id: "a", timestamp: before(NOW, DAY) });
    await expect(kit.call("analyze_funnel", { steps: ["signup", "purchase"] })).rejects.toMatchObject({
      code: "NOT_FOUND",
      message: expect.stringContaining("recorded events: signup"),
    });
    expect(await kit.store.count("InsightReport")).toBe(0);
  });
});
