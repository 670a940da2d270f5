/** Turns a complete series into a saved-forecast draft: the model, its intervals, its confidence. */
import { combine, coverage, errorFit, historySample } from "../confidence.js";
import type { MetricUnit } from "../data/metrics.js";
import { forecastSeries, type MeasureKind } from "../engine/forecast.js";
import type { Series } from "../engine/series.js";
import { measure } from "../format.js";
import { addPeriods, isoDay } from "../time.js";
import type { ForecastData } from "./data.js";
import type { ReportDraft } from "./save.js";

/** Complete periods that give a series full weight; half of it (14 days, 6 weeks) is the bar for 0.5. */
export const FULL_HISTORY = { day: 28, week: 12 } as const;

export interface ForecastRequest {
  series: Series & { granularity: "day" | "week" };
  /** Periods ahead. */
  horizon: number;
  kind: MeasureKind;
  unit: MetricUnit;
  metric: string;
  /** What is counted or summed, for words: "signups", "people entering /signup". */
  label: string;
  title: string;
  parameters: Record<string, unknown>;
}

export function forecastDraft(request: ForecastRequest): ReportDraft & { data: ForecastData } {
  const { series, horizon, unit, label } = request;
  const g = series.granularity;
  const n = series.values.length;
  const model = forecastSeries(series.values, horizon, request.kind);
  const lastStart = series.starts[n - 1]!;
  const forecast = model.points.map((p) => ({
    start: new Date(addPeriods(lastStart, g, p.h)).toISOString(),
    value: p.value,
    lower80: p.lower80,
    upper80: p.upper80,
    lower95: p.lower95,
    upper95: p.upper95,
  }));
  const total = forecast.reduce((s, p) => s + p.value, 0);
  const mean = total / horizon;
  const observed = series.values.filter((v) => v !== 0).length;
  const confidence = combine(
    historySample(n, FULL_HISTORY[g], g),
    errorFit(model.fit.errors, model.actuals),
    coverage(observed / n, `${observed} of ${n} ${g}s had ${label}`),
  );
  const fmt = (v: number) => measure(v, unit, true);
  const end = forecast[forecast.length - 1]!;
  const span = `${isoDay(series.starts[0]!)} to ${isoDay(lastStart)}`;
  const summary =
    `Holt's linear trend on ${n} complete ${g}${n === 1 ? "" : "s"} (${span}) forecasts ${fmt(mean)} ${label} a ${g} ` +
    `over the next ${horizon} ${g}${horizon === 1 ? "" : "s"} (${fmt(total)} in total); ` +
    `for ${isoDay(Date.parse(end.start))} the 80% interval is ${fmt(end.lower80)}–${fmt(end.upper80)} and the 95% interval ${fmt(end.lower95)}–${fmt(end.upper95)}.`;
  const trend = model.fit.trend;
  const direction = Math.abs(trend) < 1e-9 ? "flat" : trend > 0 ? `rising by ${fmt(trend)} a ${g}` : `falling by ${fmt(-trend)} a ${g}`;
  const historyMean = series.values.reduce((s, v) => s + v, 0) / n;
  return {
    report_type: "forecast",
    title: request.title,
    summary,
    insights: [
      { kind: "forecast", text: summary, total, mean_per_period: mean, horizon },
      { kind: "trend", text: `The trend at the end of the history is ${direction}.`, trend },
      {
        kind: "history",
        text: `History: ${n} complete ${g}${n === 1 ? "" : "s"}, ${fmt(historyMean)} ${label} a ${g} on average, ${fmt(series.values[n - 1]!)} in the last.`,
        periods: n,
        mean: historyMean,
      },
    ],
    confidence,
    parameters: request.parameters,
    data: {
      metric: request.metric,
      label,
      unit,
      granularity: g,
      history: series.starts.map((s, i) => ({ start: new Date(s).toISOString(), value: series.values[i]! })),
      forecast,
      model: {
        method: "holt_linear_trend",
        alpha: model.fit.alpha,
        beta: model.fit.beta,
        level: model.fit.level,
        trend: model.fit.trend,
        sigma: model.sigma,
        sigma_basis: model.sigma_basis,
      },
    },
  };
}

/** The forecast lines of a reply: one per period, with both intervals. */
export function forecastLines(data: ForecastData): string[] {
  const fmt = (v: number) => measure(v, data.unit, true);
  return data.forecast.map((p) => {
    const when = data.granularity === "week" ? `week of ${isoDay(Date.parse(p.start))}` : isoDay(Date.parse(p.start));
    return `${when}: ${fmt(p.value)} (80%: ${fmt(p.lower80)}–${fmt(p.upper80)}; 95%: ${fmt(p.lower95)}–${fmt(p.upper95)})`;
  });
}
