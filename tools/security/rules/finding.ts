import { createHash } from "node:crypto";
import { z } from "zod";
import { scoreCvss } from "../cvss/score.js";
import { SEVERITIES, severityRank } from "../cvss/severity.js";
import { RULES, type RuleId } from "./catalog.js";

/** A finding as scans store it (the `Finding` of entities/catalog/security.ts, with more fields). */
export const ScanFinding = z.object({
  rule: z.string(),
  title: z.string().optional(),
  severity: z.enum(SEVERITIES),
  cvss_vector: z.string(),
  cvss_score: z.number(),
  location: z.string(),
  description: z.string(),
  remediation: z.string().optional(),
  /** Secrets only: enough to recognise the secret, never the secret. */
  preview: z.string().optional(),
  /** Same rule at the same place with the same preview: the same finding across scans. */
  fingerprint: z.string().optional(),
});
export type ScanFinding = z.infer<typeof ScanFinding>;

export interface FindingInput {
  rule: RuleId;
  /** Where, without a line number: the part that identifies the finding across scans. */
  where: string;
  line?: number;
  description: string;
  preview?: string;
}

export function fingerprintOf(rule: string, where: string, preview?: string): string {
  return createHash("sha256").update([rule, where, preview ?? ""].join("\u0000")).digest("hex").slice(0, 16);
}

/** A finding of a catalogued rule, scored by its CVSS vector. */
export function makeFinding(input: FindingInput): ScanFinding {
  const def = RULES[input.rule];
  const scores = scoreCvss(def.vector);
  return {
    rule: input.rule,
    title: def.title,
    severity: scores.severity,
    cvss_vector: scores.vector,
    cvss_score: scores.base_score,
    location: input.line ? `${input.where}, line ${input.line}` : input.where,
    description: input.description,
    remediation: def.remediation,
    ...(input.preview ? { preview: input.preview } : {}),
    fingerprint: fingerprintOf(input.rule, input.where, input.preview),
  };
}

/** Worst first, then by score and place. */
export function byRisk(a: ScanFinding, b: ScanFinding): number {
  return severityRank(b.severity) - severityRank(a.severity) || b.cvss_score - a.cvss_score || a.location.localeCompare(b.location);
}

/** The fingerprint of a stored finding, also for rows written without one. */
export function fingerprintFor(f: ScanFinding): string {
  return f.fingerprint ?? fingerprintOf(f.rule, f.location.replace(/, line \d+$/, ""), f.preview);
}
