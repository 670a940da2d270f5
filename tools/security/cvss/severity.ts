/** The qualitative severity rating scale of CVSS v3.x (specification §5). */
export const SEVERITIES = ["none", "low", "medium", "high", "critical"] as const;
export type Severity = (typeof SEVERITIES)[number];

export function severityOf(score: number): Severity {
  if (score <= 0) return "none";
  if (score < 4) return "low";
  if (score < 7) return "medium";
  if (score < 9) return "high";
  return "critical";
}

/** Higher is worse: for sorting findings. */
export function severityRank(severity: Severity): number {
  return SEVERITIES.indexOf(severity);
}
