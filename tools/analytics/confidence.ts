/**
 * Confidence of a report, 0–1: the product of three factors, each 0–1.
 *
 *   sample    how much data the answer rests on
 *             - rates (funnels, retention): 1 − width of the 95 % Wilson interval of the
 *               headline rate, so 4 of 10 (interval 17 %–69 %) scores 0.48 and 400 of 1000 0.94
 *             - series (forecasts): complete periods / a full history (28 days or 12 weeks),
 *               so fewer than 14 complete days can never reach 0.5
 *             - anomalies: reference points / 30
 *   fit       how well the model describes the data: 1 / (1 + MAE / mean |y|) of the one-step
 *             forecast errors, the share of reference points that are not outliers, or 1 where
 *             no model is fitted (funnels, cohorts count exactly); 0.5 when it cannot be measured
 *   coverage  how much of the period the data covers: days of the period with funnel events,
 *             periods with observations, the part of the shown cohort periods that has passed
 *
 * A product, so any one weak factor makes the whole answer weak. Under 0.5 is low confidence:
 * the report says so and a Task is opened to look into it.
 */
import { clamp01, mean } from "./math/stats.js";
import { wilson } from "./math/wilson.js";

export const LOW_CONFIDENCE = 0.5;

export interface Factor {
  value: number;
  reason: string;
}

export interface ConfidenceBasis {
  method: "sample × fit × coverage";
  sample: Factor;
  fit: Factor;
  coverage: Factor;
  low: boolean;
  explanation: string;
  [key: string]: unknown;
}

export interface Confidence {
  score: number;
  basis: ConfidenceBasis;
}

const round3 = (x: number) => Math.round(x * 1000) / 1000;

export function combine(sample: Factor, fit: Factor, coverage: Factor): Confidence {
  const factors = [sample, fit, coverage].map((f) => ({ ...f, value: round3(clamp01(f.value)) }));
  const [s, f, c] = factors as [Factor, Factor, Factor];
  const score = round3(s.value * f.value * c.value);
  const low = score < LOW_CONFIDENCE;
  const weakest = [
    ["sample", s],
    ["fit", f],
    ["coverage", c],
  ].sort((a, b) => (a[1] as Factor).value - (b[1] as Factor).value)[0]!;
  const explanation = low
    ? `low, mostly for ${weakest[0]}: ${(weakest[1] as Factor).reason}`
    : `sample ${s.value.toFixed(2)} × fit ${f.value.toFixed(2)} × coverage ${c.value.toFixed(2)}`;
  return { score, basis: { method: "sample × fit × coverage", sample: s, fit: f, coverage: c, low, explanation } };
}

export function rateSample(successes: number, n: number, what: string): Factor {
  const { low, high } = wilson(successes, n);
  return {
    value: 1 - (high - low),
    reason: `${successes} of ${n} ${what}; 95% interval ${(low * 100).toFixed(1)}%–${(high * 100).toFixed(1)}%`,
  };
}

export function historySample(periods: number, full: number, unit: "day" | "week"): Factor {
  return {
    value: periods / full,
    reason: `${periods} complete ${unit}${periods === 1 ? "" : "s"} of history (full weight from ${full})`,
  };
}

export function countSample(n: number, full: number, what: string): Factor {
  return { value: n / full, reason: `${n} ${what} (full weight from ${full})` };
}

/** 1 / (1 + MAE / mean |y|) over the one-step errors and the values they forecast. */
export function errorFit(errors: readonly number[], actuals: readonly number[]): Factor {
  if (errors.length < 2) return { value: 0.5, reason: "too little history to measure the fit (needs 4 periods)" };
  const mae = mean(errors.map(Math.abs));
  const scale = mean(actuals.map(Math.abs));
  const relative = scale > 0 ? mae / scale : mae > 0 ? Number.POSITIVE_INFINITY : 0;
  return {
    value: 1 / (1 + relative),
    reason: `one-step forecast error ${(relative * 100).toFixed(1)}% of the typical value`,
  };
}

export function exactFit(what: string): Factor {
  return { value: 1, reason: `no model fitted: ${what} are counted exactly` };
}

export function coverage(share: number, reason: string): Factor {
  return { value: share, reason };
}
