import { z } from "zod";
import { defineTool } from "../define.js";
import { ToolError } from "../errors.js";
import { dailyTotals, metricLabel } from "./data/metrics.js";
import { completeSeries } from "./engine/series.js";
import { forecastDraft, forecastLines } from "./reports/forecast-draft.js";
import { hint } from "./hint.js";
import { metricFields, resolveMetric } from "./metric-input.js";
import { ForecastData } from "./reports/data.js";
import { confidenceWords, saveReport } from "./reports/save.js";
import { ReportView } from "./reports/view.js";
import { DAY_MS, startOf } from "./time.js";

const GRANULARITY = { daily: "day", weekly: "week" } as const;

export const forecastMetric = defineTool({
  name: "forecast_metric",
  title: "Forecast a metric",
  description:
    "Forecast a daily or weekly metric (event counts, orders, revenue, payments, sessions) some days ahead with Holt's linear trend, " +
    "with 80% and 95% prediction intervals and a confidence score, from complete past periods only. Saves an insight report; " +
    "a low-confidence forecast opens a follow-up task.",
  domain: "analytics",
  input: z.object({
    ...metricFields({ describe: "what to forecast", eventCues: ["forecast", "predict", "project", "daily", "weekly"] }),
    horizon_days: z
      .number()
      .positive()
      .max(365)
      .default(7)
      .meta(hint({ description: "how far ahead, in days (weeks and months are converted)", extract: "duration", unit: "days", cues: ["for", "over", "ahead", "horizon of"] })),
    granularity: z
      .enum(["daily", "weekly"])
      .default("daily")
      .meta(
        hint({
          description: "one value per UTC day or per ISO week",
          extract: "enum",
          cues: ["forecast"],
          aliases: { "per day": "daily", "by day": "daily", "each day": "daily", "per week": "weekly", "by week": "weekly", "each week": "weekly" },
        }),
      ),
    history_days: z
      .number()
      .int()
      .min(7)
      .max(730)
      .default(90)
      .meta(hint({ description: "how many days of history to learn from", extract: "integer", unit: "days", cues: ["based on", "using", "from the", "history of"] })),
  }),
  output: ReportView.extend({ forecast: ForecastData }),
  effect: "write",
  reads: ["Event", "Order", "Payment", "Session", "InsightReport", "Task"],
  writes: ["InsightReport", "Task"],
  examples: [
    "Forecast daily signups for the next 7 days",
    "Forecast revenue for the next 30 days",
    "Predict weekly orders for the next 8 weeks",
    "Forecast page views over the next 2 weeks",
    "Project payments.amount for 14 days ahead",
    "What will signups look like next week?",
    "Forecast checkout_started events for the next 10 days",
  ],
  keywords: ["forecast", "predict", "projection", "next", "trend", "expect", "outlook", "future"],
  run: async (input, ctx) => {
    const ref = await resolveMetric(ctx.store, input);
    const now = ctx.clock.now().getTime();
    const g = GRANULARITY[input.granularity];
    const earliest = startOf(now - input.history_days * DAY_MS, "day");
    const totals = await dailyTotals(ctx.store, ref, { start: earliest, end: now, bounds: "[)" });
    const series = { ...completeSeries(totals, g, { now, earliest }), granularity: g };
    const label = metricLabel(ref);
    if (!series.values.length) {
      throw new ToolError("NOT_FOUND", `No ${label} in complete ${g}s of the last ${input.history_days} days: there is nothing to forecast from yet`, {
        field: "metric",
      });
    }
    const horizon = g === "day" ? Math.ceil(input.horizon_days) : Math.max(1, Math.round(input.horizon_days / 7));
    const draft = forecastDraft({
      series,
      horizon,
      kind: ref.def.measure.kind === "count" ? "count" : "value",
      unit: ref.def.unit,
      metric: ref.def.key,
      label,
      title: `Forecast: ${input.granularity} ${label}, next ${horizon} ${g}${horizon === 1 ? "" : "s"}`,
      parameters: {
        metric: ref.def.key,
        event_name: ref.eventName,
        granularity: input.granularity,
        horizon_days: input.horizon_days,
        history_days: input.history_days,
      },
    });
    const view = await saveReport(ctx, draft);
    return { ...view, forecast: draft.data };
  },
  reply: (o) => {
    const history = o.forecast.history;
    const header = `Forecast of ${o.forecast.granularity === "day" ? "daily" : "weekly"} ${o.forecast.label} for the next ${o.forecast.forecast.length} ${o.forecast.granularity}s (Holt's linear trend on ${history.length} complete ${o.forecast.granularity}${history.length === 1 ? "" : "s"}):`;
    const trend = o.insights.find((i) => i.kind === "trend")?.text ?? "";
    return [header, ...forecastLines(o.forecast), trend, confidenceWords(o)].filter(Boolean).join("\n");
  },
});
