/** n choose k, exact for the small numbers of trials the harness runs. */
export function choose(n: number, k: number): number {
  if (k < 0 || k > n) return 0;
  let result = 1;
  for (let i = 1; i <= k; i++) result = (result * (n - k + i)) / i;
  return Math.round(result);
}

/**
 * pass^k as tau-bench defines it: the chance that k trials drawn from a case's K all pass,
 * C(c, k) / C(K, k) with c passing trials, averaged over cases; for k = 1…K.
 */
export function passHatK(passingTrials: readonly number[], trials: number): Record<string, number> {
  const out: Record<string, number> = {};
  for (let k = 1; k <= trials; k++) {
    const total = passingTrials.reduce((sum, c) => sum + choose(c, k) / choose(trials, k), 0);
    out[String(k)] = passingTrials.length ? total / passingTrials.length : 0;
  }
  return out;
}
