import { z } from "zod";
import { defineTool } from "../define.js";
import { ToolError } from "../errors.js";
import { renderReportChart } from "./charts/render.js";
import { hint } from "./hint.js";
import { confidenceWords } from "./reports/save.js";
import { ReportView, viewOf } from "./reports/view.js";

export const showInsightReport = defineTool({
  name: "show_insight_report",
  title: "Show an insight report",
  description: "Show one saved analytics insight report: its summary, insights, confidence and basis, its chart, and the follow-up task if one was opened.",
  domain: "analytics",
  input: z.object({
    id: z
      .string()
      .trim()
      .min(1)
      .meta(hint({ description: "the report's id (ins_…)", extract: "id", prefix: "ins", cues: ["report", "insight"] })),
  }),
  output: ReportView.extend({ data: z.record(z.string(), z.unknown()) }),
  effect: "read",
  idempotent: true,
  reads: ["InsightReport", "Task"],
  examples: [
    "Show report ins_7f3kq9x2m4wz",
    "Open insight ins_abc123",
    "What did report ins_abc123 find?",
    "Details of insight report ins_q1w2e3",
    "Show me the chart of ins_abc123",
  ],
  keywords: ["report", "insight", "details", "chart", "show"],
  run: async (input, ctx) => {
    const report = await ctx.store.get("InsightReport", input.id);
    if (!report) throw new ToolError("NOT_FOUND", `No insight report ${input.id} in this workspace`, { field: "id" });
    const task = await ctx.store.findOne("Task", { related_id: report.id, source: "insight" });
    return { ...viewOf(report, task?.id ?? null, renderReportChart(report)), data: report.data };
  },
  reply: (o) => [`${o.title} (${o.report_type}, ${o.created_at.slice(0, 10)})`, o.summary, ...o.insights.map((i) => `- ${i.text}`), confidenceWords(o)].join("\n"),
});
