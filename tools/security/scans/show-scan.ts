import { z } from "zod";
import { defineTool } from "../../define.js";
import { ToolError } from "../../errors.js";
import { hint } from "../hint.js";
import { requireScan, scanHistory } from "./history.js";
import { countsText, findingLine, pipelineNames, ScanView, scanTitle, viewScan } from "./scan-view.js";
import { resolveScanTarget, SCAN_TARGET_CUES } from "./target.js";

export const showScan = defineTool({
  name: "show_scan",
  title: "Show a security scan",
  description: "Show a security scan's findings with their CVSS scores, locations and remediation: a scan by id, or the latest scan of a pipeline or of the workspace.",
  domain: "security",
  input: z.object({
    scan: z
      .string()
      .trim()
      .min(1)
      .optional()
      .meta(hint({ description: "the scan's id (scan_…)", extract: "id", prefix: "scan", cues: ["scan", "security scan"] })),
    pipeline: z
      .string()
      .trim()
      .min(1)
      .optional()
      .meta(hint({ description: "show the latest scan of this pipeline (name or id)", extract: "name", cues: SCAN_TARGET_CUES })),
  }),
  output: ScanView,
  effect: "read",
  idempotent: true,
  roles: ["admin"],
  reads: ["SecurityScan", "PipelineConfig"],
  examples: [
    "Show scan scan_4k2m9x7q1w3e5r6t",
    "Show the latest security scan",
    "What did the last scan of webapp-pipeline find?",
    "Show the findings of the latest scan for docs-pipeline",
    "Details of the most recent security scan",
  ],
  keywords: ["show", "details", "findings", "latest", "last", "result", "results", "scan"],
  run: async (input, ctx) => {
    let scan;
    if (input.scan) scan = await requireScan(ctx.store, input.scan);
    else {
      const pipeline = input.pipeline ? await resolveScanTarget(ctx.store, input.pipeline) : undefined;
      scan = (await scanHistory(ctx.store, pipeline === undefined ? undefined : (pipeline?.id ?? null))).at(-1);
      if (!scan) {
        const of = pipeline === undefined ? "" : pipeline ? ` of ${pipeline.name}` : " of the whole workspace";
        throw new ToolError("NOT_FOUND", `No security scan${of} yet; run one with "Run security scan on <pipeline>"`, { field: "scan" });
      }
    }
    return viewScan(scan, await pipelineNames(ctx.store));
  },
  reply: (o) => {
    const head = `${scanTitle(o)} (${o.started_at.slice(0, 16).replace("T", " ")}): ${o.status}, risk score ${o.risk_score.toFixed(1)}/100.`;
    if (o.status === "failed") return `${head}\nIt failed: ${o.error ?? "no reason recorded"}.`;
    if (o.status === "running") return `${head}\nIt is still running.`;
    if (!o.findings.length) return `${head}\nNo findings.`;
    const lines = o.findings.flatMap((f) => [
      findingLine(f),
      `  ${f.description}`,
      ...(f.remediation ? [`  Fix: ${f.remediation}`] : []),
      `  ${f.cvss_vector}`,
    ]);
    return [head, `${o.findings.length} finding(s): ${countsText(o.counts)}.`, ...lines].join("\n");
  },
});
