/** Turns funnel counts into a saved-report draft: steps, conversion, drop-off, confidence. */
import { combine, coverage, exactFit, rateSample } from "../confidence.js";
import { funnelSteps, type FunnelCounts, type FunnelEvent } from "../engine/funnel.js";
import { duration, pct, plural } from "../format.js";
import { median } from "../math/stats.js";
import { wilson } from "../math/wilson.js";
import type { Period } from "../period.js";
import { DAY_MS, within, type TimeRange } from "../time.js";
import type { FunnelData } from "./data.js";
import type { ReportDraft } from "./save.js";

/** Days (24-hour slices ending at the period's end) of the period in which any step was seen. */
export function coveredDays(events: readonly FunnelEvent[], range: TimeRange): { covered: number; days: number } {
  const days = Math.max(1, Math.ceil((range.end - range.start) / DAY_MS));
  const seen = new Set<number>();
  for (const e of events) {
    if (within(range, e.time)) seen.add(Math.min(days - 1, Math.floor((range.end - e.time) / DAY_MS)));
  }
  return { covered: seen.size, days };
}

export interface FunnelRequest {
  labels: string[];
  counts: FunnelCounts;
  events: readonly FunnelEvent[];
  period: Period;
  windowDays: number;
  forecastReportId: string | null;
  parameters: Record<string, unknown>;
}

export function funnelDraft(request: FunnelRequest): ReportDraft & { data: FunnelData } {
  const { labels, counts, period } = request;
  const steps = funnelSteps(counts.reached).map((s, i) => ({ label: labels[i]!, ...s }));
  const entered = counts.reached[0] ?? 0;
  const converted = counts.reached[counts.reached.length - 1] ?? 0;
  const rate = entered > 0 ? converted / entered : 0;
  const interval = wilson(converted, entered);
  const medianMs = counts.conversionMs.length ? median(counts.conversionMs) : null;
  const { covered, days } = coveredDays(request.events, period.range);
  const path = labels.join(" → ");
  const first = labels[0]!;
  const last = labels[labels.length - 1]!;

  const insights: ReportDraft["insights"] = [];
  if (entered === 0) {
    insights.push({ kind: "conversion", text: `No one reached ${first} in ${period.label}.`, entered, converted, rate });
  } else {
    insights.push({
      kind: "conversion",
      text: `${pct(rate)} of the ${plural(entered, "person", "people")} who reached ${first} went on to ${last} (95% interval ${pct(interval.low)}–${pct(interval.high)}).`,
      entered,
      converted,
      rate,
    });
    const worst = steps.slice(1).reduce((a, b) => (b.drop_off / Math.max(1, b.count + b.drop_off) > a.drop_off / Math.max(1, a.count + a.drop_off) ? b : a));
    const before = worst.count + worst.drop_off;
    if (worst.drop_off > 0) {
      insights.push({
        kind: "drop_off",
        text: `Biggest drop-off: ${steps[worst.index - 1]!.label} → ${worst.label}, where ${worst.drop_off} of ${before} (${pct(worst.drop_off / before)}) did not continue.`,
        step: worst.label,
        drop_off: worst.drop_off,
        rate: worst.drop_off / before,
      });
    }
    if (medianMs !== null) {
      insights.push({ kind: "time_to_convert", text: `Median time from ${first} to ${last}: ${duration(medianMs)}.`, median_ms: medianMs });
    }
  }
  const confidence = combine(
    rateSample(converted, entered, "people converted"),
    exactFit("people and their steps"),
    coverage(covered / days, `${covered} of ${days} days of the period have funnel events`),
  );
  const summary =
    entered === 0
      ? `No one entered the funnel ${path} in ${period.label}.`
      : `${path} in ${period.label}: ${entered} entered, ${converted} converted (${pct(rate)}).`;
  return {
    report_type: "funnel",
    title: `Funnel ${path}`,
    summary,
    insights,
    confidence,
    parameters: request.parameters,
    data: {
      steps: steps.map(({ label, count, step_conversion, overall_conversion, drop_off }) => ({ label, count, step_conversion, overall_conversion, drop_off })),
      entered,
      converted,
      conversion_rate: rate,
      conversion_interval_95: interval,
      median_time_to_convert_ms: medianMs,
      period: { from: new Date(period.range.start).toISOString(), to: new Date(period.range.end).toISOString() },
      window_days: request.windowDays,
      forecast_report_id: request.forecastReportId,
    },
  };
}
