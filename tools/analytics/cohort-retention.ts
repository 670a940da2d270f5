import { z } from "zod";
import { defineTool } from "../define.js";
import { cohortDraft, cohortLine } from "./reports/cohort-draft.js";
import { loadActivity, loadMembers } from "./data/cohort-data.js";
import { retentionTable } from "./engine/cohorts.js";
import { hint } from "./hint.js";
import { CohortData } from "./reports/data.js";
import { confidenceWords, saveReport } from "./reports/save.js";
import { ReportView } from "./reports/view.js";
import { addPeriods, latestMonth, MONTH_ALIASES, MONTH_NAMES, startOf } from "./time.js";

const DEFAULT_COHORTS = { month: 3, week: 8 } as const;
const DEFAULT_PERIODS = 12;

export const cohortRetention = defineTool({
  name: "cohort_retention",
  title: "Cohort retention",
  description:
    "Analyze cohort retention: users grouped by signup month (or week) of their account creation, and the share of each cohort " +
    "active (any event) in each following month or week, cohorts side by side. Saves an insight report with a confidence score.",
  domain: "analytics",
  input: z.object({
    months: z
      .array(z.enum(MONTH_NAMES))
      .max(12)
      .optional()
      .meta(hint({ description: "signup months to compare, e.g. January vs February (the most recent of each that has begun)", extract: "enum_list", cues: ["cohorts", "retention", "vs", "versus", "and", "compare"], aliases: MONTH_ALIASES })),
    granularity: z
      .enum(["month", "week"])
      .default("month")
      .meta(hint({ description: "cohorts by signup month or by ISO week", extract: "enum", cues: ["by", "per"], aliases: { monthly: "month", weekly: "week" } })),
    cohorts: z
      .number()
      .int()
      .min(1)
      .max(24)
      .optional()
      .meta(hint({ description: "how many recent cohorts when no months are named (default 3 months or 8 weeks)", extract: "integer", cues: ["for", "over", "of the", "last"] })),
    periods: z
      .number()
      .int()
      .min(1)
      .max(24)
      .optional()
      .meta(hint({ description: "most following periods to show per cohort (default 12)", extract: "integer", cues: ["periods", "up to"] })),
  }),
  output: ReportView.extend({ granularity: z.enum(["month", "week"]), cohorts: CohortData.shape.cohorts }),
  effect: "write",
  reads: ["User", "Event", "InsightReport", "Task"],
  writes: ["InsightReport", "Task"],
  examples: [
    "Cohort retention: January vs February signups",
    "Show retention for the last 6 monthly cohorts",
    "Weekly cohort retention for the last 8 weeks",
    "How well did March signups retain compared with April?",
    "Compare retention of December and January cohorts",
    "Retention by signup month",
  ],
  keywords: ["cohort", "cohorts", "retention", "retain", "churn", "signup month", "come back", "returning"],
  run: async (input, ctx) => {
    const now = ctx.clock.now().getTime();
    const unit = input.months?.length ? "month" : input.granularity;
    let starts: number[];
    if (input.months?.length) {
      starts = [...new Set(input.months.map((m) => latestMonth(m, now)))].sort((a, b) => a - b);
    } else {
      const count = input.cohorts ?? DEFAULT_COHORTS[unit];
      const current = startOf(now, unit);
      starts = Array.from({ length: count }, (_, i) => addPeriods(current, unit, i - count));
    }
    const first = starts[0]!;
    const signups = { start: first, end: addPeriods(starts[starts.length - 1]!, unit, 1), bounds: "[)" as const };
    const activity = { start: addPeriods(first, unit, 1), end: now, bounds: "[]" as const };
    const members = await loadMembers(ctx.store, signups);
    const events = activity.start <= now ? await loadActivity(ctx.store, signups, activity) : [];
    const rows = retentionTable(members, events, { granularity: unit, cohorts: starts, maxPeriods: input.periods ?? DEFAULT_PERIODS, now });
    const draft = cohortDraft(rows, unit, {
      granularity: unit,
      months: input.months ?? null,
      cohorts: rows.map((r) => r.start),
      periods: input.periods ?? DEFAULT_PERIODS,
    });
    const view = await saveReport(ctx, draft);
    return { ...view, granularity: unit, cohorts: rows };
  },
  reply: (o) => {
    const unit = o.granularity;
    const lines = [`Retention by ${unit === "month" ? "monthly" : "weekly"} signup cohort (share of each cohort with any event in each following ${unit}):`];
    for (const row of o.cohorts) lines.push(cohortLine(row, unit));
    for (const insight of o.insights) if (insight.kind === "comparison") lines.push(insight.text);
    lines.push(confidenceWords(o));
    return lines.join("\n");
  },
});
