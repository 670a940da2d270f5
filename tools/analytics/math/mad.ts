/**
 * Robust outlier scores: the modified z-score of Iglewicz and Hoaglin (1993).
 *
 *   MAD  = median(|xᵢ − median(x)|)
 *   zᵢ   = 0.6745 · (xᵢ − median) / MAD
 *
 * 0.6745 is the 0.75 quantile of the standard normal, so for normal data z is on the scale of
 * an ordinary z-score; |z| > 3.5 is the usual cut for an outlier. The median and MAD ignore the
 * outliers themselves, unlike a mean and standard deviation that a single 950 among 100s drags.
 *
 * When more than half the values are equal the MAD is 0; then the mean absolute deviation
 * stands in: zᵢ = (xᵢ − median) / (1.253314 · MeanAD) (1.253314 = √(π/2) puts it on the same
 * scale). When that is 0 too, every value equals the median and no value is out.
 */
import { mean, median } from "./stats.js";

export const MAD_Z_THRESHOLD = 3.5;
const MAD_SCALE = 0.6745;
const MEAN_AD_SCALE = 1.253314;

export interface RobustScores {
  median: number;
  /** Median absolute deviation from the median. */
  mad: number;
  /** Which spread the scores are divided by. */
  method: "mad" | "mean_ad" | "constant";
  /** The spread each score divides by (MAD / 0.6745, or 1.253314 · MeanAD). */
  scale: number;
  z: number[];
}

export function robustScores(values: readonly number[]): RobustScores {
  const med = median(values);
  const deviations = values.map((v) => Math.abs(v - med));
  const mad = median(deviations);
  if (mad > 0) {
    const scale = mad / MAD_SCALE;
    return { median: med, mad, method: "mad", scale, z: values.map((v) => (v - med) / scale) };
  }
  const meanAd = mean(deviations);
  if (meanAd > 0) {
    const scale = MEAN_AD_SCALE * meanAd;
    return { median: med, mad, method: "mean_ad", scale, z: values.map((v) => (v - med) / scale) };
  }
  return { median: med, mad: 0, method: "constant", scale: 0, z: values.map(() => 0) };
}
