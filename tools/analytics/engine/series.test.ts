import { describe, expect, it } from "vitest";
import { scanAnomalies } from "./anomalies.js";
import { forecastSeries } from "./forecast.js";
import { completeSeries } from "./series.js";

const t = (iso: string) => Date.parse(iso);
const NOW = t("2026-03-10T09:00:00Z");

describe("complete series", () => {
  it("starts at the first observation, fills gaps with 0 and leaves out today's partial day", () => {
    const s = completeSeries(
      [
        { time: t("2026-03-06T10:00:00Z"), value: 2 },
        { time: t("2026-03-06T23:00:00Z"), value: 1 },
        { time: t("2026-03-09T01:00:00Z"), value: 4 },
        { time: t("2026-03-10T01:00:00Z"), value: 9 },
      ],
      "day",
      { now: NOW, earliest: t("2026-01-01T00:00:00Z") },
    );
    expect(s.values).toEqual([3, 0, 0, 4]);
    expect(s.starts.map((x) => new Date(x).toISOString().slice(0, 10))).toEqual(["2026-03-06", "2026-03-07", "2026-03-08", "2026-03-09"]);
  });

  it("sums days into complete ISO weeks", () => {
    const s = completeSeries(
      [
        { time: t("2026-02-23T00:00:00Z"), value: 1 }, // Monday
        { time: t("2026-03-01T23:00:00Z"), value: 1 }, // Sunday, same week
        { time: t("2026-03-02T00:00:00Z"), value: 5 },
        { time: t("2026-03-09T00:00:00Z"), value: 7 }, // this week: not complete
      ],
      "week",
      { now: NOW, earliest: t("2026-01-01T00:00:00Z") },
    );
    expect(s.values).toEqual([2, 5]);
  });
});

describe("forecast spread", () => {
  it("does not give three equal days a false precision", () => {
    const f = forecastSeries([1, 1, 1], 7, "count");
    expect(f.sigma).toBe(1);
    expect(f.points[0]!.upper95).toBeGreaterThan(2.9);
    expect(f.points[6]!.upper95 - f.points[6]!.lower95).toBeGreaterThanOrEqual(f.points[0]!.upper95 - f.points[0]!.lower95);
    for (const p of f.points) expect(p.lower95).toBeGreaterThanOrEqual(0);
  });

  it("uses the residual spread once there is history", () => {
    const values = [10, 12, 11, 13, 12, 14, 13, 15, 14, 16, 15, 17];
    const f = forecastSeries(values, 3, "value");
    expect(f.sigma_basis).toMatch(/residual/);
    expect(f.sigma).toBeCloseTo(Math.sqrt(f.fit.sse / (f.fit.errors.length - 2)), 12);
  });
});

describe("anomaly scan", () => {
  const window = { start: NOW - 48 * 3_600_000, end: NOW, bounds: "(]" as const };

  it("flags only window points beyond the threshold", () => {
    const points = [100, 101, 102, 103, 104, 100, 101, 102, 103, 950].map((value, i) => ({ time: NOW - i * 3_600_000, value, entity_id: `o${i}` }));
    points.push({ time: NOW - 100 * 3_600_000, value: 5000, entity_id: "old" });
    const scan = scanAnomalies(points, window, 3.5);
    expect(scan.anomalies.map((a) => a.entity_id)).toEqual(["o9"]);
    expect(scan.outliers).toBe(2);
    expect(scan.scores).toMatchObject({ median: 102, mad: 1 });
    expect(scan.anomalies[0]).toMatchObject({ deviation: 848, direction: "above" });
  });

  it("judges nothing without the minimum history", () => {
    const scan = scanAnomalies([{ time: NOW, value: 1, entity_id: null }, { time: NOW - 1, value: 900, entity_id: null }], window, 3.5);
    expect(scan).toMatchObject({ enough: false, anomalies: [], reference: 2 });
  });
});
