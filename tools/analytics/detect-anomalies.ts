import { z } from "zod";
import { defineTool } from "../define.js";
import { anomalyDraft } from "./reports/anomaly-draft.js";
import { referencePoints } from "./data/anomaly-points.js";
import { firstSeen } from "./data/metrics.js";
import { scanAnomalies } from "./engine/anomalies.js";
import { plural } from "./format.js";
import { hint } from "./hint.js";
import { MAD_Z_THRESHOLD } from "./math/mad.js";
import { metricFields, resolveMetric } from "./metric-input.js";
import { AnomalyData } from "./reports/data.js";
import { confidenceWords, saveReport } from "./reports/save.js";
import { ReportView } from "./reports/view.js";
import { DAY_MS, HOUR_MS, rolling } from "./time.js";

/** The reference is the window and this many windows before it. */
const HISTORY_WINDOWS = 3;

export const detectAnomalies = defineTool({
  name: "detect_anomalies",
  title: "Find anomalies in a metric",
  description:
    "Detect anomalies in a metric over a recent window (e.g. orders.amount last 48h) with the robust median/MAD modified z-score: " +
    "each unusual order, payment, session or hourly count with its value, time, id and how far out it is; says so when there are none. Saves an insight report.",
  domain: "analytics",
  input: z.object({
    ...metricFields({ describe: "the metric to scan", eventCues: ["in", "check", "scan", "for"] }),
    window_hours: z
      .number()
      .positive()
      .max(24 * 90)
      .default(24 * 7)
      .meta(hint({ description: "how far back from now to look, in hours (days are converted); default 7 days", extract: "duration", unit: "hours", cues: ["last", "past", "over the last", "in the last", "within"] })),
    threshold: z
      .number()
      .positive()
      .max(50)
      .default(MAD_Z_THRESHOLD)
      .meta(hint({ description: "modified z-score beyond which a point is anomalous (default 3.5)", extract: "number", cues: ["threshold", "threshold of", "z above", "beyond"] })),
  }),
  // The scan without its reference points: they stay in the report's data, for the chart.
  output: ReportView.extend({ window_label: z.string(), anomalies: AnomalyData.shape.anomalies, scan: AnomalyData.omit({ points: true }) }),
  effect: "write",
  reads: ["Event", "Order", "Payment", "Session", "InsightReport", "Task"],
  writes: ["InsightReport", "Task"],
  examples: [
    "Find anomalies in orders.amount last 48h",
    "Flag odd payment amounts over the last 3 days",
    "Any unusual order totals this week?",
    "Detect spikes in signups in the past 24 hours",
    "Are there outliers in session duration over the last 7 days?",
    "Check events.checkout_started for anomalies in the last 2 days",
  ],
  keywords: ["anomaly", "anomalies", "outlier", "unusual", "odd", "spike", "weird", "abnormal", "suspicious", "flag"],
  run: async (input, ctx) => {
    const ref = await resolveMetric(ctx.store, input);
    const now = ctx.clock.now().getTime();
    const spanMs = input.window_hours * HOUR_MS;
    const window = rolling(now, spanMs);
    const bucketMs = spanMs <= 7 * DAY_MS ? HOUR_MS : DAY_MS;
    const first = await firstSeen(ctx.store, ref);
    // Empty buckets before the metric's first row are not history: the reference starts there.
    const sinceFirst = first === null ? 0 : (Math.floor((now - first) / bucketMs) + 1) * bucketMs;
    const reference = rolling(now, Math.max(spanMs, Math.min(spanMs * (HISTORY_WINDOWS + 1), sinceFirst)));
    const points = await referencePoints(ctx.store, ref, reference, bucketMs);
    const scan = scanAnomalies(points, window, input.threshold);
    const span = `the last ${hoursWords(input.window_hours)}`;
    const draft = anomalyDraft({
      ref,
      scan,
      points,
      window,
      reference,
      span,
      bucket: bucketMs === HOUR_MS ? "hour" : "day",
      threshold: input.threshold,
      firstSeen: first,
      parameters: { metric: ref.def.key, event_name: ref.eventName, window_hours: input.window_hours, threshold: input.threshold },
    });
    const view = await saveReport(ctx, draft);
    const { points: _drawn, ...scanned } = draft.data;
    return { ...view, window_label: span, anomalies: draft.data.anomalies, scan: scanned };
  },
  reply: (o) => {
    const found = o.insights.filter((i) => i.kind === "anomaly");
    const lines = found.length
      ? [`${plural(found.length, "anomaly", "anomalies")} in ${o.scan.label} over ${o.window_label}:`, ...found.map((i) => `- ${i.text}`)]
      : [o.summary];
    lines.push(confidenceWords(o));
    return lines.join("\n");
  },
});

function hoursWords(hours: number): string {
  if (hours % 24 === 0 && hours >= 48) return `${hours / 24} days`;
  return hours === 1 ? "hour" : `${Number(hours.toFixed(2))} hours`;
}
