/** The CVSS v3.0 / v3.1 metrics, their vector abbreviations and allowed values (specification §6–7). */

export const CVSS_VERSIONS = ["3.0", "3.1"] as const;
export type CvssVersion = (typeof CVSS_VERSIONS)[number];

export const BASE_METRICS = ["AV", "AC", "PR", "UI", "S", "C", "I", "A"] as const;
export const TEMPORAL_METRICS = ["E", "RL", "RC"] as const;
export const ENVIRONMENTAL_METRICS = ["CR", "IR", "AR", "MAV", "MAC", "MPR", "MUI", "MS", "MC", "MI", "MA"] as const;

export type BaseMetric = (typeof BASE_METRICS)[number];
export type TemporalMetric = (typeof TEMPORAL_METRICS)[number];
export type EnvironmentalMetric = (typeof ENVIRONMENTAL_METRICS)[number];
export type Metric = BaseMetric | TemporalMetric | EnvironmentalMetric;

/** Metrics in the order the specification writes them in a vector string. */
export const METRIC_ORDER: readonly Metric[] = [...BASE_METRICS, ...TEMPORAL_METRICS, ...ENVIRONMENTAL_METRICS];

export const METRIC_VALUES: Readonly<Record<Metric, readonly string[]>> = {
  AV: ["N", "A", "L", "P"],
  AC: ["L", "H"],
  PR: ["N", "L", "H"],
  UI: ["N", "R"],
  S: ["U", "C"],
  C: ["H", "L", "N"],
  I: ["H", "L", "N"],
  A: ["H", "L", "N"],
  E: ["X", "H", "F", "P", "U"],
  RL: ["X", "U", "W", "T", "O"],
  RC: ["X", "C", "R", "U"],
  CR: ["X", "H", "M", "L"],
  IR: ["X", "H", "M", "L"],
  AR: ["X", "H", "M", "L"],
  MAV: ["X", "N", "A", "L", "P"],
  MAC: ["X", "L", "H"],
  MPR: ["X", "N", "L", "H"],
  MUI: ["X", "N", "R"],
  MS: ["X", "U", "C"],
  MC: ["X", "H", "L", "N"],
  MI: ["X", "H", "L", "N"],
  MA: ["X", "H", "L", "N"],
};

export const METRIC_NAMES: Readonly<Record<Metric, string>> = {
  AV: "Attack Vector",
  AC: "Attack Complexity",
  PR: "Privileges Required",
  UI: "User Interaction",
  S: "Scope",
  C: "Confidentiality",
  I: "Integrity",
  A: "Availability",
  E: "Exploit Code Maturity",
  RL: "Remediation Level",
  RC: "Report Confidence",
  CR: "Confidentiality Requirement",
  IR: "Integrity Requirement",
  AR: "Availability Requirement",
  MAV: "Modified Attack Vector",
  MAC: "Modified Attack Complexity",
  MPR: "Modified Privileges Required",
  MUI: "Modified User Interaction",
  MS: "Modified Scope",
  MC: "Modified Confidentiality",
  MI: "Modified Integrity",
  MA: "Modified Availability",
};

export function isMetric(name: string): name is Metric {
  return Object.hasOwn(METRIC_VALUES, name);
}
