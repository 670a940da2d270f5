import type { CvssVersion } from "./metrics.js";

/**
 * CVSS v3.1 Roundup (specification Appendix A): the smallest number with one decimal that is
 * equal to or higher than the input, computed on integers so that floating-point noise such as
 * 4.000000000000001 does not round up to 4.1.
 */
export function roundup31(input: number): number {
  const intInput = Math.round(input * 100_000);
  if (intInput % 10_000 === 0) return intInput / 100_000;
  return (Math.floor(intInput / 10_000) + 1) / 10;
}

/** CVSS v3.0 Roundup as the v3.0 specification and FIRST's v3.0 calculator compute it. */
export function roundup30(input: number): number {
  return Math.ceil(input * 10) / 10;
}

export function roundupFor(version: CvssVersion): (input: number) => number {
  return version === "3.0" ? roundup30 : roundup31;
}
