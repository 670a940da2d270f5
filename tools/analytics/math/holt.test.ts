import { describe, expect, it } from "vitest";
import { fitHolt, holt, holtForecast, horizonSpread, HOLT_GRID, residualSigma } from "./holt.js";
import { Z_95 } from "./wilson.js";

// y = 10, 12, 13, 15, 16 with α = β = 0.5, worked by hand:
//   ℓ0 = 10, b0 = 2
//   t=1  ŷ=12      ℓ=12        b=2
//   t=2  ŷ=14      e=−1        ℓ=13.5      b=1.75
//   t=3  ŷ=15.25   e=−0.25     ℓ=15.125    b=1.6875
//   t=4  ŷ=16.8125 e=−0.8125   ℓ=16.40625  b=1.484375
//   SSE = 1 + 0.0625 + 0.66015625 = 1.72265625, σ = √(SSE / (3 − 2)) = 1.3125
const SERIES = [10, 12, 13, 15, 16];

describe("Holt's linear trend", () => {
  it("runs the recursions as worked by hand", () => {
    const fit = holt(SERIES, { alpha: 0.5, beta: 0.5 });
    expect(fit.fitted).toEqual([14, 15.25, 16.8125]);
    expect(fit.errors).toEqual([-1, -0.25, -0.8125]);
    expect(fit.level).toBeCloseTo(16.40625, 10);
    expect(fit.trend).toBeCloseTo(1.484375, 10);
    expect(fit.sse).toBeCloseTo(1.72265625, 10);
    expect(residualSigma(fit)).toBeCloseTo(1.3125, 10);
  });

  it("forecasts along the last trend with intervals that widen with the horizon", () => {
    const fit = holt(SERIES, { alpha: 0.5, beta: 0.5 });
    const points = holtForecast(fit, 3, 1.3125);
    expect(points.map((p) => p.value)).toEqual([17.890625, 19.375, 20.859375]);
    // σₕ/σ: 1; √(1 + (α + αβ)²) = 1.25; √(1 + 0.5625 + 1) = √2.5625
    expect(horizonSpread(fit, 1)).toBe(1);
    expect(horizonSpread(fit, 2)).toBeCloseTo(1.25, 12);
    expect(horizonSpread(fit, 3)).toBeCloseTo(Math.sqrt(2.5625), 12);
    const halfWidths95 = points.map((p) => (p.upper95 - p.lower95) / 2);
    expect(halfWidths95[0]).toBeCloseTo(Z_95 * 1.3125, 10);
    expect(halfWidths95[1]).toBeCloseTo(Z_95 * 1.3125 * 1.25, 10);
    expect(halfWidths95[2]).toBeCloseTo(Z_95 * 1.3125 * Math.sqrt(2.5625), 10);
    for (const p of points) expect(p.upper80 - p.lower80).toBeLessThan(p.upper95 - p.lower95);
  });

  it("picks the grid's α and β with the smallest one-step error", () => {
    const series = [5, 7, 6, 9, 12, 11, 14, 18, 17, 21];
    const fit = fitHolt(series);
    let best = Number.POSITIVE_INFINITY;
    for (const alpha of HOLT_GRID) for (const beta of HOLT_GRID) best = Math.min(best, holt(series, { alpha, beta }).sse);
    expect(fit.sse).toBeCloseTo(best, 12);
    expect(HOLT_GRID).toContain(fit.alpha);
    expect(HOLT_GRID).toContain(fit.beta);
  });

  it("extends an exact line exactly", () => {
    const fit = fitHolt([3, 5, 7, 9, 11, 13]);
    expect(fit.sse).toBeCloseTo(0, 20);
    const [a, b] = holtForecast(fit, 2, 0).map((p) => p.value);
    expect(a).toBeCloseTo(15, 10);
    expect(b).toBeCloseTo(17, 10);
  });

  it("has no measured spread with fewer than three one-step errors", () => {
    expect(residualSigma(holt([1, 1, 1], { alpha: 0.5, beta: 0.5 }))).toBeUndefined();
    expect(holt([4], { alpha: 0.5, beta: 0.5 })).toMatchObject({ level: 4, trend: 0, errors: [] });
  });
});
