import { afterEach, describe, expect, it } from "vitest";
import type { TestKit } from "../testing.js";
import { analyticsKit, pageView } from "./testing.js";

let kit: TestKit;
afterEach(() => kit?.close());

describe("cohort_retention", () => {
  it("puts January and February side by side: 50% and 20% (ss-cohort-retention)", async () => {
    kit = await analyticsKit("2026-04-05T09:00:00Z");
    for (let i = 0; i < 4; i++) await kit.store.insert("User", { id: `jan${i}`, email: `jan${i}@example.com`, role: "customer", created_at: `2026-01-1${i}T10:00:00Z` });
    for (let i = 0; i < 5; i++) await kit.store.insert("User", { id: `feb${i}`, email: `feb${i}@example.com`, role: "customer", created_at: `2026-02-1${i}T10:00:00Z` });
    for (let i = 0; i < 2; i++) await pageView(kit.store, `jan${i}`, "/home", `2026-02-2${i}T10:00:00Z`);
    await pageView(kit.store, "feb0", "/home", "2026-03-15T10:00:00Z");

    const out = await kit.call("cohort_retention", { months: ["february", "january"] });
    if (out.status !== "ok") throw new Error("expected a result");
    expect(out.reply).toMatch(/\b50(\.0+)?\s*(%|percent)/i);
    expect(out.reply).toMatch(/\b20(\.0+)?\s*(%|percent)/i);
    const o = out.output as any;
    expect(o.cohorts.map((c: any) => [c.label, c.size, c.periods[0].retention])).toEqual([
      ["January 2026", 4, 0.5],
      ["February 2026", 5, 0.2],
    ]);
    expect(await kit.store.count("InsightReport", { report_type: "cohort" })).toBe(1);
    expect(o.chart_svg).toContain("January 2026 (4)");
  });

  it("resolves a month name to the most recent one that has begun", async () => {
    kit = await analyticsKit("2026-01-20T09:00:00Z");
    await kit.store.insert("User", { id: "old", email: "old@example.com", created_at: "2025-12-05T00:00:00Z" });
    await pageView(kit.store, "old", "/home", "2026-01-02T00:00:00Z");
    const out = await kit.call("cohort_retention", { months: ["december"] });
    const o = (out as any).output;
    expect(o.cohorts[0]).toMatchObject({ start: "2025-12-01T00:00:00.000Z", size: 1 });
    expect(o.cohorts[0].periods).toEqual([{ k: 1, start: "2026-01-01T00:00:00.000Z", active: 1, retention: 1, complete: false, elapsed: 465 / 744 }]);
  });

  it("shows recent weekly cohorts by default count", async () => {
    kit = await analyticsKit("2026-03-10T09:00:00Z");
    await kit.store.insert("User", { id: "w", email: "w@example.com", created_at: "2026-02-24T00:00:00Z" });
    await pageView(kit.store, "w", "/home", "2026-03-03T00:00:00Z");
    const out = await kit.call("cohort_retention", { granularity: "week", cohorts: 2 });
    const o = (out as any).output;
    expect(o.cohorts.map((c: any) => c.label)).toEqual(["week of 2026-02-23", "week of 2026-03-02"]);
    expect(o.cohorts[0].periods[0]).toMatchObject({ k: 1, active: 1, retention: 1, complete: true });
  });
});
