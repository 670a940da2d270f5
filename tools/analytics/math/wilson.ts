/**
 * Wilson score interval for a proportion (successes out of n trials).
 *
 *   centre = (p + z²/2n) / (1 + z²/n)
 *   half   = z · √(p(1−p)/n + z²/4n²) / (1 + z²/n)
 *
 * Unlike p ± z·√(p(1−p)/n) it stays inside [0, 1] and does not collapse to zero width at p = 0
 * or p = 1, so "4 of 10" and "0 of 3" both get honest, wide intervals.
 */
export interface Interval {
  low: number;
  high: number;
}

export const Z_80 = 1.2815515655446004;
export const Z_95 = 1.959963984540054;

export function wilson(successes: number, n: number, z = Z_95): Interval {
  if (n <= 0) return { low: 0, high: 1 };
  const p = successes / n;
  const z2 = z * z;
  const denom = 1 + z2 / n;
  const centre = (p + z2 / (2 * n)) / denom;
  const half = (z * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n))) / denom;
  // At p = 0 or 1 the bound is exactly 0 or 1; the arithmetic above leaves a rounding crumb.
  return {
    low: successes <= 0 ? 0 : Math.max(0, centre - half),
    high: successes >= n ? 1 : Math.min(1, centre + half),
  };
}
