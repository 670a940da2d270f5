import { z } from "zod";
import type { Entities } from "../../../entities/index.js";
import type { Store } from "../../../entities/store.js";
import { SEVERITIES, type Severity } from "../cvss/severity.js";
import { byRisk, ScanFinding } from "../rules/finding.js";
import { ScanCoverage } from "./coverage.js";

export const SeverityCounts = z.object({ critical: z.number(), high: z.number(), medium: z.number(), low: z.number(), none: z.number() });
export type SeverityCounts = z.infer<typeof SeverityCounts>;

export const ScanView = z.object({
  id: z.string(),
  pipeline_id: z.string().nullable(),
  /** The pipeline's name, or "workspace". */
  target: z.string(),
  scan_type: z.string(),
  status: z.enum(["running", "completed", "failed"]),
  risk_score: z.number(),
  counts: SeverityCounts,
  findings: z.array(ScanFinding),
  coverage: ScanCoverage.nullable(),
  error: z.string().nullable(),
  started_at: z.string(),
  finished_at: z.string().nullable(),
});
export type ScanView = z.infer<typeof ScanView>;

export function countBySeverity(findings: readonly { severity: Severity }[]): SeverityCounts {
  const counts = Object.fromEntries(SEVERITIES.map((s) => [s, 0])) as SeverityCounts;
  for (const f of findings) counts[f.severity]++;
  return counts;
}

export function readFindings(scan: Entities["SecurityScan"]): ScanFinding[] {
  return scan.findings.flatMap((f) => {
    const parsed = ScanFinding.safeParse(f);
    return parsed.success ? [parsed.data] : [];
  });
}

export function viewScan(scan: Entities["SecurityScan"], pipelineNames: ReadonlyMap<string, string>): ScanView {
  const findings = readFindings(scan).sort(byRisk);
  const coverage = ScanCoverage.safeParse(scan.coverage);
  return {
    id: scan.id,
    pipeline_id: scan.pipeline_id,
    target: scan.pipeline_id ? (pipelineNames.get(scan.pipeline_id) ?? scan.pipeline_id) : "workspace",
    scan_type: scan.scan_type,
    status: scan.status,
    risk_score: scan.risk_score,
    counts: countBySeverity(findings),
    findings,
    coverage: coverage.success ? coverage.data : null,
    error: scan.error,
    started_at: scan.created_at,
    finished_at: scan.finished_at,
  };
}

export const cvss1 = (score: number) => score.toFixed(1);

/** One line of a finding for a reply: severity, score, what, where. Secrets appear as their preview only. */
export function findingLine(f: ScanFinding): string {
  const what = f.title ?? f.rule;
  const preview = f.preview ? ` (${f.preview})` : "";
  return `- ${f.severity} ${cvss1(f.cvss_score)}: ${what}${preview} — ${f.location}`;
}

export function countsText(counts: SeverityCounts): string {
  const parts = (["critical", "high", "medium", "low"] as const).filter((s) => counts[s] > 0).map((s) => `${counts[s]} ${s}`);
  return parts.length ? parts.join(", ") : "none above none";
}

export function scanTitle(scan: Pick<ScanView, "id" | "target">): string {
  return scan.target === "workspace" ? `Security scan ${scan.id} of the workspace` : `Security scan ${scan.id} of ${scan.target}`;
}

export async function pipelineNames(store: Store): Promise<Map<string, string>> {
  return new Map((await store.find("PipelineConfig")).map((p) => [p.id, p.name]));
}
