/**
 * Holt's linear trend method (double exponential smoothing, additive errors: ETS(A,A,N)).
 *
 * For a series y₀ … yₙ₋₁:
 *   start      ℓ₀ = y₀,  b₀ = y₁ − y₀
 *   one step   ŷₜ = ℓₜ₋₁ + bₜ₋₁,   eₜ = yₜ − ŷₜ
 *   level      ℓₜ = α·yₜ + (1 − α)·(ℓₜ₋₁ + bₜ₋₁)
 *   trend      bₜ = β·(ℓₜ − ℓₜ₋₁) + (1 − β)·bₜ₋₁
 *   forecast   ŷₙ₋₁₊ₕ = ℓₙ₋₁ + h·bₙ₋₁
 *
 * e₁ is 0 by construction (b₀ is taken from y₁), so the fit is judged on e₂ … eₙ₋₁.
 * α and β are chosen on a grid (0.05 … 0.95 by 0.05) by the smallest sum of squared one-step
 * errors; ties keep the smaller α, then the smaller β (smoother forecasts).
 *
 * Prediction intervals (Hyndman & Athanasopoulos, FPP3 §8.7, ETS(A,A,N)):
 *   σₕ² = σ²·[1 + (h − 1)·(α² + α·β*·h + β*²·h·(2h − 1)/6)],   β* = α·β
 *   interval = ŷ ± z·σₕ   (z = 1.2816 for 80 %, 1.9600 for 95 %)
 * so the band widens with the horizon. σ² = SSE / (m − 2) over the m one-step errors (two
 * smoothing parameters were fitted); callers supply σ when too few errors exist to estimate it.
 */
import { Z_80, Z_95 } from "./wilson.js";

export interface HoltParams {
  alpha: number;
  beta: number;
}

export interface HoltFit extends HoltParams {
  level: number;
  trend: number;
  /** One-step-ahead forecasts ŷ₂ … ŷₙ₋₁ (aligned with `errors`). */
  fitted: number[];
  /** One-step errors e₂ … eₙ₋₁. */
  errors: number[];
  sse: number;
}

export interface ForecastPoint {
  /** Steps ahead, 1-based. */
  h: number;
  value: number;
  sigma: number;
  lower80: number;
  upper80: number;
  lower95: number;
  upper95: number;
}

export const HOLT_GRID: readonly number[] = Array.from({ length: 19 }, (_, i) => Math.round((i + 1) * 5) / 100);

/** Runs Holt's recursions with fixed α and β. Needs at least one value. */
export function holt(series: readonly number[], params: HoltParams): HoltFit {
  const { alpha, beta } = params;
  if (!series.length) throw new Error("Holt's method needs at least one value");
  let level = series[0]!;
  let trend = series.length > 1 ? series[1]! - series[0]! : 0;
  const fitted: number[] = [];
  const errors: number[] = [];
  let sse = 0;
  for (let t = 1; t < series.length; t++) {
    const y = series[t]!;
    const forecast = level + trend;
    if (t >= 2) {
      const e = y - forecast;
      fitted.push(forecast);
      errors.push(e);
      sse += e * e;
    }
    const previous = level;
    level = alpha * y + (1 - alpha) * forecast;
    trend = beta * (level - previous) + (1 - beta) * trend;
  }
  return { alpha, beta, level, trend, fitted, errors, sse };
}

/** Fits α and β on the grid by the smallest one-step SSE. */
export function fitHolt(series: readonly number[], grid: readonly number[] = HOLT_GRID): HoltFit {
  let best: HoltFit | undefined;
  for (const alpha of grid) {
    for (const beta of grid) {
      const fit = holt(series, { alpha, beta });
      if (!best || fit.sse < best.sse - 1e-12) best = fit;
    }
  }
  return best!;
}

/** σ from the one-step errors, or undefined when fewer than three exist to estimate it. */
export function residualSigma(fit: HoltFit): number | undefined {
  const m = fit.errors.length;
  return m > 2 ? Math.sqrt(fit.sse / (m - 2)) : undefined;
}

/** The factor σₕ / σ for h steps ahead. */
export function horizonSpread(params: HoltParams, h: number): number {
  const { alpha } = params;
  const b = alpha * params.beta;
  return Math.sqrt(1 + (h - 1) * (alpha * alpha + alpha * b * h + (b * b * h * (2 * h - 1)) / 6));
}

export function holtForecast(fit: HoltFit, horizon: number, sigma: number): ForecastPoint[] {
  const points: ForecastPoint[] = [];
  for (let h = 1; h <= horizon; h++) {
    const value = fit.level + h * fit.trend;
    const s = sigma * horizonSpread(fit, h);
    points.push({
      h,
      value,
      sigma: s,
      lower80: value - Z_80 * s,
      upper80: value + Z_80 * s,
      lower95: value - Z_95 * s,
      upper95: value + Z_95 * s,
    });
  }
  return points;
}
