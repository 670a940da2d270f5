import { z } from "zod";
import type { Entities } from "../../../entities/index.js";

export const REPORT_TYPES = ["funnel", "forecast", "anomaly", "cohort"] as const;
export type ReportType = (typeof REPORT_TYPES)[number];

/** One finding of a report, in words, with the numbers behind it. */
export const Insight = z.object({ kind: z.string(), text: z.string() }).catchall(z.unknown());
export type Insight = z.infer<typeof Insight>;

/** A saved report as tools answer it. `id` is the InsightReport's id. */
export const ReportView = z.object({
  id: z.string(),
  report_type: z.enum(REPORT_TYPES),
  title: z.string(),
  summary: z.string(),
  insights: z.array(Insight),
  confidence_score: z.number(),
  confidence_basis: z.record(z.string(), z.unknown()),
  parameters: z.record(z.string(), z.unknown()),
  created_at: z.string(),
  /** The follow-up Task opened because confidence is low, if any. */
  task_id: z.string().nullable(),
  /** A self-contained SVG picture of the report (no scripts), or null when there is nothing to draw. */
  chart_svg: z.string().nullable().meta({ description: "an SVG chart of the report", display: true }),
});
export type ReportView = z.infer<typeof ReportView>;

export function viewOf(report: Entities["InsightReport"], taskId: string | null, chart: string | null): ReportView {
  return {
    id: report.id,
    report_type: report.report_type,
    title: report.title,
    summary: report.summary,
    insights: report.insights as Insight[],
    confidence_score: report.confidence_score,
    confidence_basis: report.confidence_basis,
    parameters: report.parameters,
    created_at: report.created_at,
    task_id: taskId,
    chart_svg: chart,
  };
}
