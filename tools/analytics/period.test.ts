import { describe, expect, it } from "vitest";
import { resolvePeriod } from "./period.js";

const NOW = Date.parse("2026-03-10T09:00:00Z");
const iso = (t: number) => new Date(t).toISOString();

describe("the period of an analysis", () => {
  it("is the 7 days up to now by default and for 'weekly'", () => {
    const { range, label } = resolvePeriod({}, NOW);
    expect([iso(range.start), iso(range.end), range.bounds]).toEqual(["2026-03-03T09:00:00.000Z", "2026-03-10T09:00:00.000Z", "(]"]);
    expect(label).toBe("the 7 days up to 2026-03-10 09:00 UTC");
    expect(resolvePeriod({ period_days: 30 }, NOW).range.start).toBe(NOW - 30 * 86_400_000);
  });

  it("reads a month as the most recent one that has begun, up to now", () => {
    const march = resolvePeriod({ month: "march" }, NOW);
    expect([iso(march.range.start), iso(march.range.end), march.range.bounds, march.label]).toEqual([
      "2026-03-01T00:00:00.000Z", "2026-03-10T09:00:00.000Z", "[]", "March 2026 up to now",
    ]);
    const december = resolvePeriod({ month: "december" }, NOW);
    expect([iso(december.range.start), iso(december.range.end), december.range.bounds, december.label]).toEqual([
      "2025-12-01T00:00:00.000Z", "2026-01-01T00:00:00.000Z", "[)", "December 2025",
    ]);
  });

  it("lets the month win over the same month read as a date, in any year", () => {
    const p = resolvePeriod({ month: "march", from: "2027-03-01T12:00:00.000Z" }, NOW);
    expect(iso(p.range.start)).toBe("2026-03-01T00:00:00.000Z");
  });

  it("takes explicit ranges, a bare date meaning the whole day", () => {
    const p = resolvePeriod({ from: "2026-03-03", to: "2026-03-05" }, NOW);
    expect([iso(p.range.start), iso(p.range.end), p.range.bounds]).toEqual(["2026-03-03T00:00:00.000Z", "2026-03-06T00:00:00.000Z", "[)"]);
    const since = resolvePeriod({ from: "2026-03-08T10:00:00Z" }, NOW);
    expect([iso(since.range.start), iso(since.range.end), since.range.bounds]).toEqual(["2026-03-08T10:00:00.000Z", "2026-03-10T09:00:00.000Z", "[]"]);
  });

  it("refuses an empty period or an unreadable date", () => {
    expect(() => resolvePeriod({ from: "2026-04-01" }, NOW)).toThrow(/empty/);
    expect(() => resolvePeriod({ from: "someday" }, NOW)).toThrow(/could not read/);
  });
});
