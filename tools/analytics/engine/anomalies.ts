/**
 * Anomalies by the robust modified z-score (math/mad.ts).
 *
 * The reference is every point of the window and of the history before it (the caller loads
 * both); a point IN THE WINDOW is anomalous when |z| > threshold (3.5 by default). With fewer
 * than MIN_REFERENCE points there is no judging what is normal, and nothing is flagged.
 */
import { robustScores, type RobustScores } from "../math/mad.js";
import { within, type TimeRange } from "../time.js";

export const MIN_REFERENCE = 8;

export interface Point {
  time: number;
  value: number;
  /** The row the point is (an order, a payment), or null for a bucket of counts. */
  entity_id: string | null;
}

export interface Anomaly extends Point {
  z: number;
  /** value − median. */
  deviation: number;
  direction: "above" | "below";
}

export interface AnomalyScan {
  enough: boolean;
  reference: number;
  in_window: number;
  scores: Omit<RobustScores, "z"> | null;
  anomalies: Anomaly[];
  /** Reference points whose |z| exceeds the threshold (in the window or before it). */
  outliers: number;
}

export function scanAnomalies(points: readonly Point[], window: TimeRange, threshold: number): AnomalyScan {
  const inWindow = points.filter((p) => within(window, p.time)).length;
  if (points.length < MIN_REFERENCE) {
    return { enough: false, reference: points.length, in_window: inWindow, scores: null, anomalies: [], outliers: 0 };
  }
  const { z, ...scores } = robustScores(points.map((p) => p.value));
  const anomalies: Anomaly[] = [];
  let outliers = 0;
  points.forEach((p, i) => {
    if (Math.abs(z[i]!) <= threshold) return;
    outliers++;
    if (!within(window, p.time)) return;
    const deviation = p.value - scores.median;
    anomalies.push({ ...p, z: z[i]!, deviation, direction: deviation > 0 ? "above" : "below" });
  });
  anomalies.sort((a, b) => Math.abs(b.z) - Math.abs(a.z) || a.time - b.time);
  return { enough: true, reference: points.length, in_window: inWindow, scores, anomalies, outliers };
}
