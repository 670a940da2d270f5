import { afterEach, describe, expect, it } from "vitest";
import type { TestKit } from "../testing.js";
import { analyticsKit, before, DAY, event, HOUR } from "./testing.js";

let kit: TestKit;
afterEach(() => kit?.close());

describe("forecast_metric", () => {
  it("gives three days of history low confidence and opens a task (ss-forecast-low-confidence-creates-task)", async () => {
    const now = "2026-03-10T09:00:00Z";
    kit = await analyticsKit(now);
    for (let i = 0; i < 3; i++) await event(kit.store, "signup", `n${i}`, before(now, (i + 1) * DAY));
    const out = await kit.call("forecast_metric", { metric: "signups", horizon_days: 7 });
    if (out.status !== "ok") throw new Error("expected a result");
    expect(out.reply).toMatch(/confidence/i);
    const [report] = await kit.store.find("InsightReport", { report_type: "forecast" });
    expect(report!.confidence_score).toBeLessThan(0.5);
    expect(report!.confidence_basis).toMatchObject({ low: true, sample: { value: expect.closeTo(3 / 28, 3) } });
    const tasks = await kit.store.find("Task", { source: "insight" });
    expect(tasks).toHaveLength(1);
    expect(tasks[0]).toMatchObject({ related_id: report!.id, workflow_type: null, status: "open", assignee_id: "usr_actor" });
    // Three equal days: a flat forecast of 1 a day whose 95% band is not pretended narrow.
    const data = report!.data as any;
    expect(data.history.map((h: any) => h.value)).toEqual([1, 1, 1]);
    expect(data.forecast[0]).toMatchObject({ value: 1, lower95: 0 });
    expect(data.forecast[0].upper95).toBeGreaterThan(2.9);
  });

  it("is confident on four weeks of regular rising history and opens no task (ss-forecast-trend-confident)", async () => {
    const now = "2026-03-10T00:30:00Z";
    kit = await analyticsKit(now);
    for (let i = 0; i < 28; i++) await event(kit.store, "signup", `a${i}`, before(now, (i + 1) * DAY));
    for (let i = 0; i < 14; i++) await event(kit.store, "signup", `b${i}`, before(now, (i + 1) * DAY - HOUR));
    for (let i = 0; i < 7; i++) await event(kit.store, "signup", `c${i}`, before(now, (i + 1) * DAY - 2 * HOUR));
    const out = await kit.call("forecast_metric", { metric: "signups" });
    if (out.status !== "ok") throw new Error("expected a result");
    expect(out.reply).toMatch(/forecast/i);
    const o = out.output as any;
    // Whole days before now: 2026-02-10 … 2026-03-09 (the day of now is 30 minutes old).
    expect(o.forecast.history).toHaveLength(28);
    expect(o.forecast.history[0]).toEqual({ start: "2026-02-10T00:00:00.000Z", value: 1 });
    expect(o.forecast.history.map((h: any) => h.value)).toEqual([...Array(14).fill(1), ...Array(7).fill(2), ...Array(7).fill(3)]);
    expect(o.forecast.forecast).toHaveLength(7);
    expect(o.forecast.model.trend).toBeGreaterThan(0);
    const widths = o.forecast.forecast.map((p: any) => p.upper95 - p.lower95);
    for (let h = 1; h < widths.length; h++) expect(widths[h]).toBeGreaterThanOrEqual(widths[h - 1]);
    expect(o.confidence_score).toBeGreaterThanOrEqual(0.5);
    expect(o.task_id).toBeNull();
    expect(await kit.store.count("Task", { source: "insight" })).toBe(0);
  });

  it("sums order amounts into weeks and reads events.<name>", async () => {
    const now = "2026-03-10T09:00:00Z";
    kit = await analyticsKit(now);
    await kit.store.insert("User", { id: "usr_c", email: "c@example.com", role: "customer" });
    // Mondays 2026-02-16, -23, 03-02, and this week's (incomplete) 03-09.
    const weeks = ["2026-02-16", "2026-02-23", "2026-03-02", "2026-03-09"];
    for (const [i, monday] of weeks.entries()) {
      await kit.store.insert("Order", { user_id: "usr_c", status: "paid", total_amount: 10.25 * (i + 1), created_at: `${monday}T12:00:00Z` });
      await kit.store.insert("Order", { user_id: "usr_c", status: "cancelled", total_amount: 1, created_at: `${monday}T13:00:00Z` });
    }
    const out = await kit.call("forecast_metric", { metric: "orders.amount", granularity: "weekly", horizon_days: 14 });
    const o = (out as any).output;
    expect(o.forecast.history.map((h: any) => h.value)).toEqual([11.25, 21.5, 31.75]);
    expect(o.forecast.forecast.map((p: any) => p.start)).toEqual(["2026-03-09T00:00:00.000Z", "2026-03-16T00:00:00.000Z"]);
    expect((out as any).reply).toMatch(/\$\d+\.\d{2}/);

    const revenue = await kit.call("forecast_metric", { metric: "orders.revenue", granularity: "weekly" });
    expect((revenue as any).output.forecast.history.map((h: any) => h.value)).toEqual([10.25, 20.5, 30.75]);

    await event(kit.store, "checkout_started", "x", before(now, DAY));
    const named = await kit.call("forecast_metric", { event_name: "events.checkout_started" });
    expect((named as any).output.parameters).toMatchObject({ metric: "events.count", event_name: "checkout_started" });
  });

  it("asks which metric when the command names none, and says when there is nothing to forecast", async () => {
    kit = await analyticsKit();
    await expect(kit.call("forecast_metric", {})).rejects.toMatchObject({ code: "VALIDATION", details: { field: "metric", ask: true } });
    await expect(kit.call("forecast_metric", { metric: "signups" })).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect(await kit.store.count("InsightReport")).toBe(0);
  });
});
