import type { Entities } from "../../../entities/index.js";
import type { ToolContext } from "../../define.js";
import { renderReportChart } from "../charts/render.js";
import type { Confidence } from "../confidence.js";
import { viewOf, type Insight, type ReportType, type ReportView } from "./view.js";

export interface ReportDraft {
  report_type: ReportType;
  title: string;
  summary: string;
  insights: Insight[];
  confidence: Confidence;
  parameters: Record<string, unknown>;
  data: Record<string, unknown>;
}

/**
 * Saves one analysis as an InsightReport. A low-confidence report (score under 0.5) also opens
 * a Task to look into it: source `insight`, related to the report, for the person who asked.
 */
export async function saveReport(ctx: ToolContext, draft: ReportDraft): Promise<ReportView> {
  const report = await ctx.store.insert("InsightReport", {
    report_type: draft.report_type,
    title: draft.title,
    summary: draft.summary,
    insights: draft.insights,
    confidence_score: draft.confidence.score,
    confidence_basis: draft.confidence.basis,
    parameters: draft.parameters,
    data: draft.data,
  });
  const task = draft.confidence.basis.low ? await openFollowUp(ctx, report, draft.confidence) : null;
  return viewOf(report, task?.id ?? null, renderReportChart(report));
}

async function openFollowUp(ctx: ToolContext, report: Entities["InsightReport"], confidence: Confidence): Promise<Entities["Task"]> {
  return ctx.store.insert("Task", {
    title: `Review low-confidence ${report.report_type} report: ${report.title}`,
    description: `${report.summary}\n\nWhy it is uncertain: ${confidence.basis.explanation}.\nReport: ${report.id}`,
    status: "open",
    workflow_type: null,
    source: "insight",
    related_id: report.id,
    assignee_id: ctx.actor.id,
    priority: "normal",
  });
}

/** The closing words of every analysis reply: the confidence, and the task when one was opened. */
export function confidenceWords(view: Pick<ReportView, "confidence_score" | "confidence_basis" | "task_id">): string {
  const line = `Confidence ${view.confidence_score.toFixed(2)} (${String(view.confidence_basis.explanation ?? "")}).`;
  return view.task_id ? `${line} Opened task ${view.task_id} to look into it.` : line;
}
