import { z } from "zod";
import type { Entities } from "../../../entities/index.js";
import { defineTool } from "../../define.js";
import { ToolError } from "../../errors.js";
import { hint } from "../hint.js";
import { byRisk, fingerprintFor, ScanFinding } from "../rules/finding.js";
import { requireScan, scanHistory } from "./history.js";
import { findingLine, pipelineNames, readFindings, scanTitle } from "./scan-view.js";
import { resolveScanTarget, SCAN_TARGET_CUES } from "./target.js";

const ScanRef = z.object({ id: z.string(), target: z.string(), risk_score: z.number(), started_at: z.string() });

/** A scan and the completed scan of the same target before it: which findings are new, gone, still there. */
export function diffFindings(current: readonly ScanFinding[], previous: readonly ScanFinding[]) {
  const before = new Set(previous.map(fingerprintFor));
  const after = new Set(current.map(fingerprintFor));
  return {
    new: current.filter((f) => !before.has(fingerprintFor(f))).sort(byRisk),
    resolved: previous.filter((f) => !after.has(fingerprintFor(f))).sort(byRisk),
    unchanged: current.filter((f) => before.has(fingerprintFor(f))).sort(byRisk),
  };
}

export const compareScans = defineTool({
  name: "compare_scans",
  title: "Compare security scans",
  description: "Compare a security scan with the previous completed scan of the same pipeline (or workspace): new, resolved and unchanged findings and the change in risk score.",
  domain: "security",
  input: z.object({
    scan: z
      .string()
      .trim()
      .min(1)
      .optional()
      .meta(hint({ description: "the later scan's id (scan_…); default the latest completed scan", extract: "id", prefix: "scan", cues: ["scan", "compare"] })),
    pipeline: z
      .string()
      .trim()
      .min(1)
      .optional()
      .meta(hint({ description: "compare the latest two scans of this pipeline (name or id)", extract: "name", cues: SCAN_TARGET_CUES })),
  }),
  output: z.object({
    current: ScanRef,
    previous: ScanRef.nullable(),
    risk_change: z.number().nullable(),
    new: z.array(ScanFinding),
    resolved: z.array(ScanFinding),
    unchanged: z.array(ScanFinding),
  }),
  effect: "read",
  idempotent: true,
  roles: ["admin"],
  reads: ["SecurityScan", "PipelineConfig"],
  examples: [
    "Compare the last two scans of webapp-pipeline",
    "What changed since the previous security scan?",
    "Compare scan scan_4k2m9x7q1w3e5r6t with the one before",
    "Which findings are new since the last scan?",
    "Did the latest scan of docs-pipeline resolve anything?",
  ],
  keywords: ["compare", "changed", "difference", "diff", "new", "resolved", "previous", "since", "before", "trend"],
  run: async (input, ctx) => {
    const names = await pipelineNames(ctx.store);
    let current: Entities["SecurityScan"] | undefined;
    if (input.scan) {
      current = await requireScan(ctx.store, input.scan);
      if (current.status !== "completed") {
        throw new ToolError("CONFLICT", `Security scan ${current.id} is ${current.status}; only completed scans can be compared`, { field: "scan" });
      }
    } else {
      const pipeline = input.pipeline ? await resolveScanTarget(ctx.store, input.pipeline) : undefined;
      current = (await scanHistory(ctx.store, pipeline === undefined ? undefined : (pipeline?.id ?? null))).filter((s) => s.status === "completed").at(-1);
      if (!current) throw new ToolError("NOT_FOUND", "No completed security scan to compare yet; run a scan first", { field: "scan" });
    }
    const history = (await scanHistory(ctx.store, current.pipeline_id)).filter((s) => s.status === "completed");
    const at = history.findIndex((s) => s.id === current.id);
    const previous = at > 0 ? history[at - 1] : undefined;
    const ref = (s: Entities["SecurityScan"]) => ({
      id: s.id,
      target: s.pipeline_id ? (names.get(s.pipeline_id) ?? s.pipeline_id) : "workspace",
      risk_score: s.risk_score,
      started_at: s.created_at,
    });
    const diff = diffFindings(readFindings(current), previous ? readFindings(previous) : []);
    return {
      current: ref(current),
      previous: previous ? ref(previous) : null,
      risk_change: previous ? Math.round((current.risk_score - previous.risk_score) * 10) / 10 : null,
      ...(previous ? diff : { new: [], resolved: [], unchanged: readFindings(current).sort(byRisk) }),
    };
  },
  reply: (o) => {
    if (!o.previous) return `${scanTitle(o.current)} has no earlier completed scan of ${o.current.target} to compare with.`;
    const change = o.risk_change === 0 ? "unchanged" : `${o.risk_change! > 0 ? "up" : "down"} ${Math.abs(o.risk_change!).toFixed(1)}`;
    const section = (label: string, list: readonly ScanFinding[]) => (list.length ? [`${label} (${list.length}):`, ...list.map(findingLine)] : [`${label}: none.`]);
    return [
      `${scanTitle(o.current)} compared with ${o.previous.id}: risk ${o.previous.risk_score.toFixed(1)} → ${o.current.risk_score.toFixed(1)} (${change}).`,
      ...section("New", o.new),
      ...section("Resolved", o.resolved),
      `Unchanged: ${o.unchanged.length}.`,
    ].join("\n");
  },
});
