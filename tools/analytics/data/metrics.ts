/**
 * The whitelist of metrics forecasts and anomaly scans may read. A metric reference from a
 * person or a model picks one of these definitions; its table, columns and filters come from
 * here, never from the request.
 *
 *   signups            Events named signup, counted            (Event.timestamp)
 *   page_views         Events named page_view, counted         (Event.timestamp)
 *   events.count       Events of one name, counted             (Event.timestamp)
 *   orders.count       Orders, counted                         (Order.created_at)
 *   orders.amount      each Order's total_amount               (Order.created_at)
 *   orders.revenue     each paid Order's total_amount          (Order.created_at)
 *   payments.count     succeeded Payments, counted             (Payment.created_at)
 *   payments.amount    each succeeded Payment's amount         (Payment.created_at)
 *   sessions.count     Sessions, counted                       (Session.started_at)
 *   sessions.duration  each Session's duration_seconds         (Session.started_at)
 */
import { sql } from "kysely";
import type { EntityName } from "../../../entities/index.js";
import type { Store } from "../../../entities/store.js";
import type { Dated } from "../engine/series.js";
import type { TimeRange } from "../time.js";
import { dayOf, inRange } from "./sql.js";

export type MetricUnit = "count" | "money" | "seconds";

export const METRIC_KEYS = [
  "signups",
  "page_views",
  "events.count",
  "orders.count",
  "orders.amount",
  "orders.revenue",
  "payments.count",
  "payments.amount",
  "sessions.count",
  "sessions.duration",
] as const;
export type MetricKey = (typeof METRIC_KEYS)[number];

/** Count rows, or take a value per row (a money field in cents, or a plain number). */
export type Measure = { kind: "count" } | { kind: "value"; column: string; scale: number };

export interface MetricDef {
  key: MetricKey;
  /** Words for replies: "signups", "order amount". */
  label: string;
  unit: MetricUnit;
  entity: EntityName;
  /** The time column the metric is dated by. */
  time: string;
  measure: Measure;
  /** Fixed equality filters (column → value). */
  filter: Readonly<Record<string, string>>;
}

const cents = (column: string): Measure => ({ kind: "value", column: `${column}_cents`, scale: 100 });

export const METRICS: Readonly<Record<MetricKey, MetricDef>> = {
  signups: { key: "signups", label: "signups", unit: "count", entity: "Event", time: "timestamp", measure: { kind: "count" }, filter: { event_name: "signup" } },
  page_views: { key: "page_views", label: "page views", unit: "count", entity: "Event", time: "timestamp", measure: { kind: "count" }, filter: { event_name: "page_view" } },
  "events.count": { key: "events.count", label: "events", unit: "count", entity: "Event", time: "timestamp", measure: { kind: "count" }, filter: {} },
  "orders.count": { key: "orders.count", label: "orders", unit: "count", entity: "Order", time: "created_at", measure: { kind: "count" }, filter: {} },
  "orders.amount": { key: "orders.amount", label: "order amount", unit: "money", entity: "Order", time: "created_at", measure: cents("total_amount"), filter: {} },
  "orders.revenue": { key: "orders.revenue", label: "revenue", unit: "money", entity: "Order", time: "created_at", measure: cents("total_amount"), filter: { status: "paid" } },
  "payments.count": { key: "payments.count", label: "payments", unit: "count", entity: "Payment", time: "created_at", measure: { kind: "count" }, filter: { status: "succeeded" } },
  "payments.amount": { key: "payments.amount", label: "payment amount", unit: "money", entity: "Payment", time: "created_at", measure: cents("amount"), filter: { status: "succeeded" } },
  "sessions.count": { key: "sessions.count", label: "sessions", unit: "count", entity: "Session", time: "started_at", measure: { kind: "count" }, filter: {} },
  "sessions.duration": { key: "sessions.duration", label: "session duration", unit: "seconds", entity: "Session", time: "started_at", measure: { kind: "value", column: "duration_seconds", scale: 1 }, filter: {} },
};

/** A metric as asked for: its definition, and for events.count the event name. */
export interface MetricRef {
  def: MetricDef;
  eventName: string | null;
}

export function metricLabel(ref: MetricRef): string {
  return ref.eventName ? `${ref.eventName} events` : ref.def.label;
}

/** The metric's rows of this workspace, before any time limit. */
export function metricQuery(store: Store, ref: MetricRef) {
  let query = store.select(ref.def.entity).clearSelect();
  for (const [column, value] of Object.entries(ref.def.filter)) query = query.where(column, "=", value);
  if (ref.eventName !== null) query = query.where("event_name", "=", ref.eventName);
  return query;
}

/** When the metric's first row was recorded (epoch ms), or null when it has none. */
export async function firstSeen(store: Store, ref: MetricRef): Promise<number | null> {
  const row = await metricQuery(store, ref).select(sql<string | null>`min(${sql.ref(ref.def.time)})`.as("first")).executeTakeFirst();
  return row?.first ? Date.parse(String(row.first)) : null;
}

/** The metric per UTC day in the range (count, or the sum of the values), one entry per day that had rows. */
export async function dailyTotals(store: Store, ref: MetricRef, range: TimeRange): Promise<Dated[]> {
  const day = dayOf(store, ref.def.time);
  const measure = ref.def.measure;
  const total = measure.kind === "count" ? sql<number>`count(*)` : sql<number>`coalesce(sum(${sql.ref(measure.column)}), 0)`;
  const rows = await inRange(metricQuery(store, ref), ref.def.time, range)
    .select([day.as("day"), total.as("total")])
    .groupBy(day)
    .execute();
  const scale = measure.kind === "count" ? 1 : measure.scale;
  return rows.map((r) => ({ time: Date.parse(`${String(r.day)}T00:00:00Z`), value: Number(r.total) / scale }));
}
