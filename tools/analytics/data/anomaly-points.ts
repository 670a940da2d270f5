/**
 * The points an anomaly scan judges. A value metric gives one point per row (each order, each
 * payment, each session) at its time. A count metric gives one point per bucket (an hour or a
 * day) laid back from the range's end: bucket i covers (end − (i+1)·b, end − i·b] and is dated
 * by its end, so "the hour ending 04:00" holds 03:00 < t ≤ 04:00. Empty buckets are points too:
 * a silent hour is a value.
 */
import { sql } from "kysely";
import type { Store } from "../../../entities/store.js";
import type { Point } from "../engine/anomalies.js";
import type { TimeRange } from "../time.js";
import { metricQuery, type MetricRef } from "./metrics.js";
import { inRange } from "./sql.js";

export async function referencePoints(store: Store, ref: MetricRef, range: TimeRange, bucketMs: number): Promise<Point[]> {
  const { measure, time } = ref.def;
  const rows = inRange(metricQuery(store, ref), time, range).orderBy(time).orderBy("id");
  if (measure.kind === "value") {
    const found = await rows.select(["id", sql.ref<string>(time).as("at"), sql.ref<number>(measure.column).as("value")]).execute();
    return found
      .filter((r) => r.value !== null)
      .map((r) => ({ time: Date.parse(String(r.at)), value: Number(r.value) / measure.scale, entity_id: String(r.id) }));
  }
  const buckets = Math.max(1, Math.ceil((range.end - range.start) / bucketMs));
  const counts = new Array<number>(buckets).fill(0);
  for (const r of await rows.select(sql.ref<string>(time).as("at")).execute()) {
    const i = Math.floor((range.end - Date.parse(String(r.at))) / bucketMs);
    counts[Math.min(buckets - 1, Math.max(0, i))]!++;
  }
  return counts.map((value, i) => ({ time: range.end - i * bucketMs, value, entity_id: null })).reverse();
}
