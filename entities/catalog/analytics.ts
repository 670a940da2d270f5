import { z } from "zod";
import { defineEntity } from "../define.js";
import { f } from "../fields.js";

const obj = () => z.record(z.string(), z.unknown());

export const Event = defineEntity({
  name: "Event",
  table: "events",
  prefix: "evt",
  fields: {
    event_name: f.text(),
    event_type: f.text("track"),
    user_id: f.textOrNull(),
    session_id: f.textOrNull(),
    properties: f.json(obj(), () => ({})),
    timestamp: f.time(),
    /** The sender's own id of an ingested event: the same event sent twice is kept once. */
    external_id: f.textOrNull(),
  },
  unique: [["external_id"]],
  indexes: [["timestamp"], ["event_name", "timestamp"], ["user_id", "timestamp"]],
});

export const Session = defineEntity({
  name: "Session",
  table: "sessions",
  prefix: "ses",
  fields: {
    user_id: f.textOrNull(),
    session_key: f.textOrNull(),
    started_at: f.time(),
    ended_at: f.timeOrNull(),
    duration_seconds: f.real(0),
    page_views: f.int(0),
    converted: f.bool(false),
    entry_path: f.textOrNull(),
  },
  indexes: [["started_at"], ["user_id", "started_at"], ["session_key", "started_at"]],
});

export const InsightReport = defineEntity({
  name: "InsightReport",
  table: "insight_reports",
  prefix: "ins",
  fields: {
    report_type: f.enum(["funnel", "forecast", "anomaly", "cohort"]),
    title: f.text(""),
    summary: f.text(""),
    insights: f.json(z.array(z.unknown()), () => []),
    confidence_score: f.real(0),
    confidence_basis: f.json(obj(), () => ({})),
    parameters: f.json(obj(), () => ({})),
    data: f.json(obj(), () => ({})),
  },
  indexes: [["report_type"]],
});

export const AnalyticsSnapshot = defineEntity({
  name: "AnalyticsSnapshot",
  table: "analytics_snapshots",
  prefix: "snap",
  fields: {
    period: f.text(),
    metrics: f.json(obj(), () => ({})),
    funnel_data: f.jsonOrNull(z.unknown()),
    cohort_data: f.jsonOrNull(z.unknown()),
  },
  unique: [["period"]],
});
