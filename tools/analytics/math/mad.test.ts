import { describe, expect, it } from "vitest";
import { robustScores } from "./mad.js";
import { wilson } from "./wilson.js";

describe("modified z-scores", () => {
  it("scores a fixed series by its median and MAD", () => {
    // sorted: 10 10 11 11 11 12 12 12 13 50 → median 11.5
    // |x − 11.5|: 0.5 ×6, 1.5 ×3, 38.5 → MAD 0.5
    const values = [10, 12, 11, 13, 12, 11, 50, 12, 10, 11];
    const s = robustScores(values);
    expect(s.median).toBe(11.5);
    expect(s.mad).toBe(0.5);
    expect(s.method).toBe("mad");
    expect(s.z[6]).toBeCloseTo((0.6745 * 38.5) / 0.5, 10); // 51.9365
    expect(s.z[3]).toBeCloseTo((0.6745 * 1.5) / 0.5, 10); // 2.0235
    expect(s.z[0]).toBeCloseTo((-0.6745 * 1.5) / 0.5, 10);
    expect(s.z.filter((z) => Math.abs(z) > 3.5)).toHaveLength(1);
  });

  it("falls back to the mean absolute deviation when the MAD is 0", () => {
    // median 5, deviations 0 0 0 0 0 4: MAD 0, MeanAD 2/3
    const s = robustScores([5, 5, 5, 5, 5, 9]);
    expect(s.mad).toBe(0);
    expect(s.method).toBe("mean_ad");
    expect(s.z[5]).toBeCloseTo(4 / (1.253314 * (4 / 6)), 10); // 4.787
    expect(s.z[0]).toBe(0);
  });

  it("finds nothing out in a constant series", () => {
    expect(robustScores([3, 3, 3])).toMatchObject({ method: "constant", z: [0, 0, 0] });
  });
});

describe("Wilson interval", () => {
  it("matches the textbook values for 4 of 10", () => {
    const { low, high } = wilson(4, 10);
    expect(low).toBeCloseTo(0.16818, 4);
    expect(high).toBeCloseTo(0.68732, 4);
  });

  it("stays inside [0, 1] and is wide for no successes", () => {
    const { low, high } = wilson(0, 3);
    expect(low).toBe(0);
    expect(high).toBeCloseTo(0.5615, 3);
    expect(wilson(0, 0)).toEqual({ low: 0, high: 1 });
  });
});
