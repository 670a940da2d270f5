/** Small statistics over durations (seconds). */

export function mean(xs: readonly number[]): number {
  return xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : 0;
}

/** The p-th percentile (0–100) with linear interpolation between ranks (R's type 7). */
export function percentile(xs: readonly number[], p: number): number {
  if (!xs.length) return 0;
  const sorted = [...xs].sort((a, b) => a - b);
  const rank = (p / 100) * (sorted.length - 1);
  const lo = Math.floor(rank);
  const hi = Math.ceil(rank);
  return sorted[lo]! + (sorted[hi]! - sorted[lo]!) * (rank - lo);
}

export type TrendDirection = "slower" | "faster" | "stable" | "unknown";

export interface Trend {
  direction: TrendDirection;
  /** Relative change of the newer half's mean against the older half's (0.12 = 12% slower). */
  change: number | null;
}

/** A change smaller than this either way is noise. */
export const STABLE_WITHIN = 0.1;

/** Whether durations (oldest first) got slower or faster: the newer half's mean against the older half's. */
export function trendOf(oldestFirst: readonly number[]): Trend {
  if (oldestFirst.length < 4) return { direction: "unknown", change: null };
  const half = Math.floor(oldestFirst.length / 2);
  const older = mean(oldestFirst.slice(0, half));
  const newer = mean(oldestFirst.slice(oldestFirst.length - half));
  if (older <= 0) return { direction: "unknown", change: null };
  const change = (newer - older) / older;
  return { direction: Math.abs(change) < STABLE_WITHIN ? "stable" : change > 0 ? "slower" : "faster", change };
}

export const round1 = (x: number) => Math.round(x * 10) / 10;
