/** Turns an anomaly scan into a saved-report draft: one insight per anomalous point, confidence. */
import { combine, countSample, coverage, type Factor } from "../confidence.js";
import { metricLabel, type MetricRef } from "../data/metrics.js";
import { MIN_REFERENCE, type Anomaly, type AnomalyScan, type Point } from "../engine/anomalies.js";
import { measure, plural } from "../format.js";
import { readableTime, type TimeRange } from "../time.js";
import type { AnomalyData } from "./data.js";
import type { ReportDraft } from "./save.js";

/** Most reference points kept in the report for its chart (every anomaly is kept). */
const CHART_POINTS = 500;

export interface AnomalyRequest {
  ref: MetricRef;
  scan: AnomalyScan;
  points: readonly Point[];
  window: TimeRange;
  reference: TimeRange;
  /** "the last 2 days". */
  span: string;
  bucket: "hour" | "day";
  threshold: number;
  /** When the metric's first row was recorded (null: never). */
  firstSeen: number | null;
  parameters: Record<string, unknown>;
}

export function anomalyDraft(request: AnomalyRequest): ReportDraft & { data: AnomalyData } {
  const { ref, scan, window, span, threshold } = request;
  const label = metricLabel(ref);
  const unit = ref.def.unit;
  const entity = ref.def.measure.kind === "value" ? ref.def.entity : null;
  const median = scan.scores?.median ?? null;
  const anomalies = scan.anomalies.map((a) => ({ ...pointView(a), deviation: a.deviation, direction: a.direction }));
  const insights = scan.anomalies.map((a, i) => ({ kind: "anomaly", text: anomalyText(a, request), entity_type: entity, ...anomalies[i]!, median }));

  const summary = !scan.enough
    ? `Not enough history to judge ${label} over ${span}: ${plural(scan.reference, "point")} to compare, at least ${MIN_REFERENCE} needed.`
    : scan.anomalies.length
      ? `${plural(scan.anomalies.length, "anomaly", "anomalies")} in ${label} over ${span}: ${scan.anomalies.map((a) => `${a.entity_id ?? readableTime(a.time)} ${measure(a.value, unit)}`).join(", ")}.`
      : `No anomalies in ${label} over ${span}: ${scan.in_window === 1 ? "its one point is" : `all ${plural(scan.in_window, "point")} are`} within ${threshold} robust z of the median ${measure(median!, unit)}.`;

  const spanMs = window.end - window.start;
  const first = request.firstSeen;
  const covered = first === null ? 0 : Math.min(1, Math.max(0, (window.end - Math.max(first, window.start)) / spanMs));
  const fit: Factor = scan.enough
    ? { value: 1 - scan.outliers / scan.reference, reason: `${scan.outliers} of ${scan.reference} reference points are outliers` }
    : { value: 0.5, reason: "too few points to judge what is normal" };
  const confidence = combine(
    countSample(scan.reference, 30, "reference points"),
    fit,
    coverage(covered, first === null ? `no ${label} recorded yet` : `data covers ${(covered * 100).toFixed(0)}% of the window`),
  );
  return {
    report_type: "anomaly",
    title: `Anomalies in ${label}, ${span}`,
    summary,
    insights,
    confidence,
    parameters: request.parameters,
    data: {
      metric: ref.def.key,
      label,
      unit,
      entity,
      window: { from: new Date(window.start).toISOString(), to: new Date(window.end).toISOString() },
      reference: { from: new Date(request.reference.start).toISOString(), to: new Date(request.reference.end).toISOString() },
      threshold,
      enough_history: scan.enough,
      median,
      mad: scan.scores?.mad ?? null,
      method: scan.scores?.method ?? null,
      points: chartPoints(request.points, scan),
      anomalies,
    },
  };
}

function pointView(p: { time: number; value: number; entity_id: string | null; z: number }) {
  return { time: new Date(p.time).toISOString(), value: p.value, entity_id: p.entity_id, z: p.z };
}

function anomalyText(a: Anomaly, { ref, scan, bucket }: AnomalyRequest): string {
  const unit = ref.def.unit;
  const median = measure(scan.scores!.median, unit);
  const off = `${measure(Math.abs(a.deviation), unit)} ${a.direction} the median`;
  const z = `modified z-score ${a.z.toFixed(1)}`;
  if (a.entity_id) return `${ref.def.entity} ${a.entity_id}: ${measure(a.value, unit)} at ${readableTime(a.time)}, ${off} ${median} (${z})`;
  return `${measure(a.value, unit)} ${metricLabel(ref)} in the ${bucket} ending ${readableTime(a.time)}, ${off} of ${median} ${bucket === "hour" ? "an hour" : "a day"} (${z})`;
}

/** The points drawn: every anomaly, and the others evenly thinned to the chart's budget. */
function chartPoints(points: readonly Point[], scan: AnomalyScan) {
  const scores = scan.scores;
  const z = (v: number) => (scores && scores.scale > 0 ? (v - scores.median) / scores.scale : 0);
  const step = Math.max(1, Math.ceil(points.length / CHART_POINTS));
  const anomalous = new Set(scan.anomalies.map((a) => `${a.time}:${a.entity_id}`));
  return points
    .filter((p, i) => i % step === 0 || anomalous.has(`${p.time}:${p.entity_id}`))
    .map((p) => pointView({ ...p, z: z(p.value) }));
}
