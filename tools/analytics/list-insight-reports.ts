import { z } from "zod";
import { defineTool } from "../define.js";
import { hint } from "./hint.js";
import { REPORT_TYPES } from "./reports/view.js";

const ReportLine = z.object({
  id: z.string(),
  report_type: z.enum(REPORT_TYPES),
  title: z.string(),
  summary: z.string(),
  confidence_score: z.number(),
  created_at: z.string(),
});

export const listInsightReports = defineTool({
  name: "list_insight_reports",
  title: "List insight reports",
  description: "List the saved analytics insight reports (funnels, forecasts, anomaly scans, cohort retention), newest first, with their confidence.",
  domain: "analytics",
  input: z.object({
    report_type: z
      .enum(REPORT_TYPES)
      .optional()
      .meta(hint({ description: "only reports of this kind", extract: "enum", cues: ["only", "of type"], aliases: { anomalies: "anomaly", retention: "cohort", forecasts: "forecast", funnels: "funnel" } })),
    confidence: z
      .enum(["any", "low"])
      .default("any")
      .meta(hint({ description: "low: only reports with confidence under 0.5", extract: "enum", cues: ["only"], aliases: { "low-confidence": "low", uncertain: "low", unsure: "low" } })),
    limit: z
      .number()
      .int()
      .min(1)
      .max(100)
      .default(10)
      .meta(hint({ description: "how many to show", extract: "integer", cues: ["last", "latest", "top", "recent"] })),
  }),
  output: z.object({ reports: z.array(ReportLine), total: z.number().int() }),
  effect: "read",
  idempotent: true,
  reads: ["InsightReport"],
  examples: [
    "Show my insight reports",
    "List the last 5 analytics reports",
    "Which forecast reports do we have?",
    "Show recent anomaly reports",
    "List low-confidence insight reports",
  ],
  keywords: ["reports", "insight reports", "analyses", "saved", "history", "list"],
  run: async (input, ctx) => {
    const all = await ctx.store.find("InsightReport", input.report_type ? { report_type: input.report_type } : {}, { orderBy: "created_at", direction: "desc" });
    const matching = input.confidence === "low" ? all.filter((r) => r.confidence_score < 0.5) : all;
    return {
      reports: matching.slice(0, input.limit).map((r) => ({
        id: r.id,
        report_type: r.report_type,
        title: r.title,
        summary: r.summary,
        confidence_score: r.confidence_score,
        created_at: r.created_at,
      })),
      total: matching.length,
    };
  },
  reply: (o) => {
    if (!o.reports.length) return "There are no insight reports yet.";
    const lines = o.reports.map((r) => `${r.id} · ${r.report_type} · ${r.title} · confidence ${r.confidence_score.toFixed(2)} · ${r.created_at.slice(0, 16).replace("T", " ")}`);
    const more = o.total > o.reports.length ? `\n… and ${o.total - o.reports.length} more.` : "";
    return `Insight reports (${o.total}):\n${lines.join("\n")}${more}`;
  },
});
