import { z } from "zod";
import { defineTool, type ToolContext } from "../define.js";
import { resolveEventName } from "./data/event-names.js";
import { dailyEntrants, loadFunnelEvents, parseStep, stepLabel, type FunnelStep } from "./data/funnel-events.js";
import { countFunnel } from "./engine/funnel.js";
import { completeSeries } from "./engine/series.js";
import { forecastDraft } from "./reports/forecast-draft.js";
import { measure, pct } from "./format.js";
import { funnelDraft } from "./reports/funnel-draft.js";
import { hint } from "./hint.js";
import { resolvePeriod } from "./period.js";
import { ForecastData } from "./reports/data.js";
import { confidenceWords, saveReport } from "./reports/save.js";
import { ReportView } from "./reports/view.js";
import { DAY_MS, MONTH_ALIASES, MONTH_NAMES, startOf } from "./time.js";

/** Days of entries a funnel's forecast learns from. */
const FORECAST_HISTORY_DAYS = 90;

const StepView = z.object({
  label: z.string(),
  count: z.number().int(),
  step_conversion: z.number(),
  overall_conversion: z.number(),
  drop_off: z.number().int(),
});

const ForecastSummary = ReportView.extend({ forecast: ForecastData });

export const analyzeFunnel = defineTool({
  name: "analyze_funnel",
  title: "Analyze a conversion funnel",
  description:
    "Analyze a conversion funnel with drop-off insights: how many people went through ordered steps (page paths such as /signup → /checkout, or event names) " +
    "within a conversion window, over a period (weekly = the last 7 days, a month, or a date range); per-step counts, step and overall conversion, drop-off, " +
    "optionally a forecast of daily funnel entries. Saves an insight report with a confidence score.",
  domain: "analytics",
  input: z.object({
    steps: z
      .array(z.string().trim().min(1).max(200))
      .min(2)
      .max(10)
      .meta(
        hint({
          description: "the funnel's steps in order: page paths such as /signup (page_view events) or event names",
          extract: "path_list",
          cues: ["funnel", "from", "to", "→", "then"],
        }),
      ),
    period_days: z
      .number()
      .positive()
      .max(366)
      .optional()
      .meta(hint({ description: "days up to now the funnel covers (weekly and this week = 7); default 7", extract: "duration", unit: "days", cues: ["last", "past", "over the last", "in the last", "for the last"] })),
    window_days: z
      .number()
      .positive()
      .max(90)
      .default(7)
      // An integer, not a duration: the local provider fills integers only after their cues, so
      // the window never takes the period's or the forecast's number.
      .meta(hint({ description: "conversion window: days after entering within which later steps count", extract: "integer", unit: "days", cues: ["window", "window of", "converting within", "convert within", "conversion window of"] })),
    forecast_days: z
      .number()
      .int()
      .min(1)
      .max(90)
      .optional()
      .meta(hint({ description: "also forecast the funnel's daily entries this many days ahead", extract: "integer", unit: "days", cues: ["with", "with a", "plus", "and a", "forecast"] })),
    month: z
      .enum(MONTH_NAMES)
      .optional()
      .meta(hint({ description: "a calendar month instead of the last days (the most recent one that has begun)", extract: "enum", cues: ["in", "during", "for"], aliases: MONTH_ALIASES })),
    from: z
      .string()
      .optional()
      .meta(hint({ description: "start of an explicit period (date or date-time)", extract: "datetime", cues: ["from", "since", "between", "starting"] })),
    to: z
      .string()
      .optional()
      .meta(hint({ description: "end of an explicit period (a date means the end of that day)", extract: "datetime", cues: ["to", "until", "through", "and", "before"] })),
  }),
  output: ReportView.extend({
    steps: z.array(StepView),
    entered: z.number().int(),
    converted: z.number().int(),
    conversion_rate: z.number(),
    period: z.object({ from: z.string(), to: z.string(), label: z.string() }),
    window_days: z.number(),
    forecast: ForecastSummary.nullable(),
    /** Why no forecast was made although one was asked for. */
    forecast_note: z.string().nullable(),
  }),
  effect: "write",
  reads: ["Event", "InsightReport", "Task"],
  writes: ["InsightReport", "Task"],
  examples: [
    "Weekly funnel /signup → /checkout with 7-day forecast",
    "Funnel /home → /pricing → /signup for the last 30 days",
    "How many visitors went from /home to /trial in March?",
    "Show the conversion from /cart to /checkout this week",
    "Conversion funnel /landing -> /signup -> /onboarding within 3 days",
    "What's the drop-off between /signup and /checkout over the past 14 days?",
  ],
  keywords: ["funnel", "conversion", "drop-off", "dropoff", "went from", "steps", "visitors", "path", "converted"],
  run: async (input, ctx) => {
    const steps = await resolveSteps(ctx, input.steps);
    const labels = steps.map(stepLabel);
    const now = ctx.clock.now().getTime();
    const period = resolvePeriod(input, now);
    const windowMs = input.window_days * DAY_MS;
    // Entries inside the period; later steps up to the window after them, never past now.
    const reach = { start: period.range.start, end: Math.min(period.range.end + windowMs, now), bounds: "[]" as const };
    const events = await loadFunnelEvents(ctx.store, steps, reach);
    const counts = countFunnel(events, { stepCount: steps.length, period: period.range, windowMs });

    let forecast: z.infer<typeof ForecastSummary> | null = null;
    let forecastNote: string | null = null;
    if (input.forecast_days) {
      const earliest = startOf(now - FORECAST_HISTORY_DAYS * DAY_MS, "day");
      const entries = await dailyEntrants(ctx.store, steps[0]!, { start: earliest, end: now, bounds: "[)" });
      const series = { ...completeSeries(entries, "day", { now, earliest }), granularity: "day" as const };
      if (series.values.length) {
        const draft = forecastDraft({
          series,
          horizon: input.forecast_days,
          kind: "count",
          unit: "count",
          metric: "funnel.entries",
          label: `people entering at ${labels[0]}`,
          title: `Forecast: daily entries of funnel ${labels.join(" → ")}, next ${input.forecast_days} days`,
          parameters: { source: "funnel", steps: labels, horizon_days: input.forecast_days, history_days: FORECAST_HISTORY_DAYS },
        });
        forecast = { ...(await saveReport(ctx, draft)), forecast: draft.data };
      } else {
        forecastNote = `No complete day before now has anyone at ${labels[0]}, so there is nothing to forecast from yet.`;
      }
    }

    const draft = funnelDraft({
      labels,
      counts,
      events,
      period,
      windowDays: input.window_days,
      forecastReportId: forecast?.id ?? null,
      parameters: {
        steps: labels,
        period: period.label,
        from: new Date(period.range.start).toISOString(),
        to: new Date(period.range.end).toISOString(),
        window_days: input.window_days,
        forecast_days: input.forecast_days ?? null,
      },
    });
    const view = await saveReport(ctx, draft);
    return {
      ...view,
      steps: draft.data.steps,
      entered: draft.data.entered,
      converted: draft.data.converted,
      conversion_rate: draft.data.conversion_rate,
      period: { ...draft.data.period, label: period.label },
      window_days: input.window_days,
      forecast,
      forecast_note: forecastNote,
    };
  },
  reply: (o) => {
    const lines = [`Funnel ${o.steps.map((s) => s.label).join(" → ")}, ${o.period.label} (conversion window ${o.window_days} days):`];
    o.steps.forEach((s, i) => {
      lines.push(
        i === 0
          ? `1. ${s.label}: ${s.count} ${s.count === 1 ? "person" : "people"}`
          : `${i + 1}. ${s.label}: ${s.count} ${s.count === 1 ? "person" : "people"} — ${pct(s.step_conversion)} of the previous step, ${s.drop_off} dropped off`,
      );
    });
    lines.push(o.entered ? `Overall conversion: ${pct(o.conversion_rate)} (${o.converted} of ${o.entered}).` : "No one entered the funnel in this period.");
    for (const insight of o.insights) if (insight.kind !== "conversion") lines.push(insight.text);
    if (o.forecast) {
      const f = o.forecast.forecast;
      const total = f.forecast.reduce((s, p) => s + p.value, 0);
      const end = f.forecast[f.forecast.length - 1]!;
      lines.push(
        `Forecast of daily entries at ${o.steps[0]!.label} for the next ${f.forecast.length} days: ${measure(total / f.forecast.length, "count", true)} a day, ` +
          `${measure(total, "count", true)} in total (95% interval on the last day ${measure(end.lower95, "count", true)}–${measure(end.upper95, "count", true)}); ` +
          `forecast ${confidenceWords(o.forecast).replace(/^Confidence/, "confidence")}`,
      );
    }
    if (o.forecast_note) lines.push(`Forecast: ${o.forecast_note}`);
    lines.push(confidenceWords(o));
    return lines.join("\n");
  },
});

/** Page paths stay as they are; event names are matched to the names recorded ("signups" → signup). */
async function resolveSteps(ctx: ToolContext, raw: readonly string[]): Promise<FunnelStep[]> {
  const steps: FunnelStep[] = [];
  for (const text of raw) {
    const step = parseStep(text);
    steps.push(step.kind === "event" ? { kind: "event", name: await resolveEventName(ctx.store, step.name) } : step);
  }
  return steps;
}
