/**
 * Forecasting a regular series with Holt's linear trend method (math/holt.ts), with the
 * spread σ chosen so that little history never looks precise:
 *
 *   - σ is the residual spread of the one-step errors when there are at least three of them;
 *   - with less history (under five periods) σ is at least the series' mean level, so the 95 %
 *     band spans roughly ± twice the level: "we cannot tell yet";
 *   - counts vary at least as much as a Poisson process: σ ≥ √(mean count).
 *
 * Counts and amounts cannot go below zero: forecasts and interval bounds are clipped at 0.
 */
import { fitHolt, holtForecast, residualSigma, type ForecastPoint, type HoltFit } from "../math/holt.js";
import { mean, stdev } from "../math/stats.js";

export type MeasureKind = "count" | "value";

export interface SeriesForecast {
  fit: HoltFit;
  sigma: number;
  sigma_basis: string;
  points: ForecastPoint[];
  /** The values the one-step errors were measured against (y₂ … yₙ₋₁). */
  actuals: number[];
}

export function forecastSeries(values: readonly number[], horizon: number, kind: MeasureKind): SeriesForecast {
  if (!values.length) throw new Error("a forecast needs at least one complete period");
  const fit = fitHolt(values);
  const level = mean(values.map(Math.abs));
  const residual = residualSigma(fit);
  let sigma: number;
  let basis: string;
  if (residual !== undefined && values.length >= 5) {
    sigma = residual;
    basis = `residual spread of ${fit.errors.length} one-step errors`;
  } else {
    sigma = Math.max(residual ?? 0, stdev(values), level);
    basis = `little history (${values.length} period${values.length === 1 ? "" : "s"}): at least the mean level`;
  }
  if (kind === "count" && sigma < Math.sqrt(level)) {
    sigma = Math.sqrt(level);
    basis += "; raised to the Poisson spread √(mean count)";
  }
  const points = holtForecast(fit, horizon, sigma).map((p) => ({
    ...p,
    value: Math.max(0, p.value),
    lower80: Math.max(0, p.lower80),
    upper80: Math.max(0, p.upper80),
    lower95: Math.max(0, p.lower95),
    upper95: Math.max(0, p.upper95),
  }));
  return { fit, sigma, sigma_basis: basis, points, actuals: values.slice(2) };
}
