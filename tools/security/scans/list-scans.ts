import { z } from "zod";
import { defineTool } from "../../define.js";
import { hint } from "../hint.js";
import { scanHistory } from "./history.js";
import { countsText, pipelineNames, SeverityCounts, viewScan } from "./scan-view.js";
import { resolveScanTarget, SCAN_TARGET_CUES } from "./target.js";

const ScanSummary = z.object({
  id: z.string(),
  target: z.string(),
  status: z.enum(["running", "completed", "failed"]),
  risk_score: z.number(),
  counts: SeverityCounts,
  findings: z.number().int(),
  started_at: z.string(),
});

export const listScans = defineTool({
  name: "list_scans",
  title: "List security scans",
  description: "List the recent security scans, newest first, of one pipeline or of every target: status, risk score and findings by severity.",
  domain: "security",
  input: z.object({
    pipeline: z
      .string()
      .trim()
      .min(1)
      .optional()
      .meta(hint({ description: "only the scans of this pipeline (name or id)", extract: "name", cues: SCAN_TARGET_CUES })),
    limit: z
      .number()
      .int()
      .min(1)
      .max(100)
      .default(10)
      .meta(hint({ description: "how many scans to list (default 10)", extract: "integer", cues: ["last", "latest", "recent", "top"] })),
  }),
  output: z.object({ target: z.string().nullable(), scans: z.array(ScanSummary) }),
  effect: "read",
  idempotent: true,
  roles: ["admin"],
  reads: ["SecurityScan", "PipelineConfig"],
  examples: [
    "List security scans",
    "Show recent scans for webapp-pipeline",
    "Security scan history",
    "Show the last 5 security scans",
    "Which scans have we run on docs-pipeline?",
  ],
  keywords: ["scans", "scan history", "security scans", "recent", "past", "list", "history"],
  run: async (input, ctx) => {
    const names = await pipelineNames(ctx.store);
    const pipeline = input.pipeline ? await resolveScanTarget(ctx.store, input.pipeline) : undefined;
    const scans = (await scanHistory(ctx.store, pipeline === undefined ? undefined : (pipeline?.id ?? null))).reverse().slice(0, input.limit);
    return {
      target: pipeline === undefined ? null : (pipeline?.name ?? "workspace"),
      scans: scans.map((s) => {
        const v = viewScan(s, names);
        return { id: v.id, target: v.target, status: v.status, risk_score: v.risk_score, counts: v.counts, findings: v.findings.length, started_at: v.started_at };
      }),
    };
  },
  reply: (o) => {
    const of = o.target ? (o.target === "workspace" ? " of the whole workspace" : ` of ${o.target}`) : "";
    if (!o.scans.length) return `No security scans${of} yet.`;
    const lines = o.scans.map(
      (s) => `- ${s.id} · ${s.target} · ${s.status} · risk ${s.risk_score.toFixed(1)} · ${s.findings ? countsText(s.counts) : "no findings"} · ${s.started_at.slice(0, 16).replace("T", " ")}`,
    );
    return [`Security scans${of} (${o.scans.length}), newest first:`, ...lines].join("\n");
  },
});
