/**
 * The `metric` and `event_name` fields that forecasts and anomaly scans share, and how the
 * pair resolves to a whitelisted metric (data/metrics.ts).
 */
import { z } from "zod";
import type { Store } from "../../entities/store.js";
import { invalid } from "../errors.js";
import { resolveEventName } from "./data/event-names.js";
import { METRIC_KEYS, METRICS, type MetricKey, type MetricRef } from "./data/metrics.js";
import { hint } from "./hint.js";

/** Other words for the metrics. Longer phrases first: the first match in a command wins. */
const METRIC_ALIASES: Readonly<Record<string, MetricKey>> = {
  "order amount": "orders.amount",
  "order total": "orders.amount",
  "order value": "orders.amount",
  "order size": "orders.amount",
  "orders amount": "orders.amount",
  "payment amount": "payments.amount",
  "payment value": "payments.amount",
  "payments amount": "payments.amount",
  "session duration": "sessions.duration",
  "session length": "sessions.duration",
  "time on site": "sessions.duration",
  "order count": "orders.count",
  "number of orders": "orders.count",
  "payment count": "payments.count",
  "number of payments": "payments.count",
  "session count": "sessions.count",
  "sign up": "signups",
  "signup": "signups",
  "registration": "signups",
  "page view": "page_views",
  "pageview": "page_views",
  revenue: "orders.revenue",
  sales: "orders.revenue",
  visits: "sessions.count",
  sessions: "sessions.count",
  orders: "orders.count",
  payments: "payments.count",
  events: "events.count",
};

export function metricFields(options: { describe: string; eventCues: readonly string[] }) {
  return {
    metric: z
      .enum(METRIC_KEYS)
      .optional()
      .meta(
        hint({
          description: `${options.describe}: signups, page_views, orders.count, orders.amount (Order.total_amount), orders.revenue (paid orders), payments.count, payments.amount, sessions.count, sessions.duration, or events.count with event_name`,
          extract: "enum",
          cues: ["in", "of", "for", "on"],
          aliases: METRIC_ALIASES,
        }),
      ),
    event_name: z
      .string()
      .trim()
      .min(1)
      .max(120)
      .optional()
      .meta(
        hint({
          description: "for events.count: the name of the events to count, e.g. signup, checkout_started (events.signup works too)",
          extract: "name",
          cues: [...options.eventCues, "of", "named", "event"],
        }),
      ),
  };
}

/** The metric the pair names; asks for one when neither says. */
export async function resolveMetric(store: Store, input: { metric?: MetricKey; event_name?: string }): Promise<MetricRef> {
  let key = input.metric;
  const said = input.event_name?.trim();
  // "events.signup", or a metric key a model put in event_name.
  if (said && (!key || key === "events.count") && (METRIC_KEYS as readonly string[]).includes(said) && said !== "events.count") {
    key = said as MetricKey;
  }
  if (!key && said) key = "events.count";
  if (!key) {
    throw invalid("Which metric? For example signups, orders.amount, orders.count, payments.amount or events.<name>", {
      field: "metric",
      allowed: METRIC_KEYS,
      ask: true,
    });
  }
  if (key !== "events.count") return { def: METRICS[key], eventName: null };
  if (!said) {
    throw invalid("Which events should I count? Give the event name, e.g. signup or checkout_started", { field: "event_name", ask: true });
  }
  return { def: METRICS[key], eventName: await resolveEventName(store, said) };
}
