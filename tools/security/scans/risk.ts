import type { ScanFinding } from "../rules/finding.js";

/**
 * The overall risk of a scan, 0–100: 100 × (1 − Π (1 − (sᵢ/10)²)) over the findings' CVSS base
 * scores sᵢ. Each finding counts as an independent chance of compromise that grows with the
 * square of its score, so one critical finding (9.8 → 96) outweighs many low ones (ten at
 * 3.7 → 77), more findings never lower the risk, and no findings is 0. One decimal.
 */
export function riskScore(findings: readonly Pick<ScanFinding, "cvss_score">[]): number {
  let safe = 1;
  for (const f of findings) safe *= 1 - Math.min(Math.max(f.cvss_score, 0), 10) ** 2 / 100;
  return Math.round((1 - safe) * 1000) / 10;
}
