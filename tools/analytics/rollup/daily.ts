/**
 * The daily rollup: one AnalyticsSnapshot per workspace and UTC day (`period` = "YYYY-MM-DD"),
 * written again when the day is rolled up again (upsert on the unique period), so running it
 * twice, or from two processes at once, leaves one row with the same numbers.
 *
 *   metrics       events, active_users (distinct Event.user_id), page_views, signups (Events
 *                 named signup), new_users (User.created_at), returning_users (active users
 *                 created before the day), sessions, avg_session_seconds, converted_sessions,
 *                 orders, orders_amount, paid_orders, revenue (paid orders' total),
 *                 payments_succeeded, payments_amount (succeeded payments)
 *   funnel_data   page views and distinct visitors per path, the 20 most viewed
 *   cohort_data   new_users and returning_users of the day
 */
import { sql } from "kysely";
import type { Entities } from "../../../entities/index.js";
import { Store, type EntityAccess, type StoreDeps } from "../../../entities/store.js";
import { inRange, jsonText } from "../data/sql.js";
import { DAY_MS, isoDay, startOf, type TimeRange } from "../time.js";

const ACCESS: EntityAccess = {
  reads: new Set(["Event", "Session", "Order", "Payment", "User", "AnalyticsSnapshot"]),
  writes: new Set(["AnalyticsSnapshot"]),
};

const TOP_PATHS = 20;

const count = sql<number>`count(*)`;
const when = (condition: ReturnType<typeof sql>) => sql<number>`coalesce(sum(case when ${condition} then 1 else 0 end), 0)`;

async function dayMetrics(store: Store, day: TimeRange) {
  const events = await inRange(store.select("Event").clearSelect(), "timestamp", day)
    .select([
      count.as("events"),
      sql<number>`count(distinct user_id)`.as("active_users"),
      when(sql`event_name = 'page_view'`).as("page_views"),
      when(sql`event_name = 'signup'`).as("signups"),
    ])
    .executeTakeFirstOrThrow();
  const earlierUsers = store.select("User").clearSelect().select("id").where("created_at", "<", new Date(day.start).toISOString());
  const returning = await inRange(store.select("Event").clearSelect(), "timestamp", day)
    .where("user_id", "in", earlierUsers)
    .select(sql<number>`count(distinct user_id)`.as("n"))
    .executeTakeFirstOrThrow();
  const users = await inRange(store.select("User").clearSelect(), "created_at", day).select(count.as("n")).executeTakeFirstOrThrow();
  const sessions = await inRange(store.select("Session").clearSelect(), "started_at", day)
    .select([count.as("n"), sql<number>`coalesce(avg(duration_seconds), 0)`.as("avg"), when(sql`converted`).as("converted")])
    .executeTakeFirstOrThrow();
  const orders = await inRange(store.select("Order").clearSelect(), "created_at", day)
    .select([
      count.as("n"),
      sql<number>`coalesce(sum(total_amount_cents), 0)`.as("cents"),
      when(sql`status = 'paid'`).as("paid"),
      sql<number>`coalesce(sum(case when status = 'paid' then total_amount_cents else 0 end), 0)`.as("paid_cents"),
    ])
    .executeTakeFirstOrThrow();
  const payments = await inRange(store.select("Payment").clearSelect(), "created_at", day)
    .where("status", "=", "succeeded")
    .select([count.as("n"), sql<number>`coalesce(sum(amount_cents), 0)`.as("cents")])
    .executeTakeFirstOrThrow();
  const path = jsonText(store, "properties", "path");
  const paths = await inRange(store.select("Event").clearSelect(), "timestamp", day)
    .where("event_name", "=", "page_view")
    .select([path.as("path"), count.as("views"), sql<number>`count(distinct coalesce(user_id, 'session:' || session_id))`.as("visitors")])
    // By position: the JSON key is a bound value, and PostgreSQL will not match two bindings as one expression.
    .groupBy(sql`1`)
    .orderBy(sql`count(*)`, "desc")
    .limit(TOP_PATHS)
    .execute();
  const sessionCount = Number(sessions.n);
  const metrics = {
    events: Number(events.events),
    active_users: Number(events.active_users),
    page_views: Number(events.page_views),
    signups: Number(events.signups),
    new_users: Number(users.n),
    returning_users: Number(returning.n),
    sessions: sessionCount,
    avg_session_seconds: Number(sessions.avg),
    converted_sessions: Number(sessions.converted),
    orders: Number(orders.n),
    orders_amount: Number(orders.cents) / 100,
    paid_orders: Number(orders.paid),
    revenue: Number(orders.paid_cents) / 100,
    payments_succeeded: Number(payments.n),
    payments_amount: Number(payments.cents) / 100,
  };
  return {
    metrics,
    funnel_data: { pages: paths.filter((p) => p.path != null).map((p) => ({ path: String(p.path), views: Number(p.views), visitors: Number(p.visitors) })) },
    cohort_data: { new_users: metrics.new_users, returning_users: metrics.returning_users },
  };
}

/** Rolls up one UTC day (given by any time in it) into its AnalyticsSnapshot. */
export async function rollupDay(store: Store, at: number): Promise<Entities["AnalyticsSnapshot"]> {
  const start = startOf(at, "day");
  const period = isoDay(start);
  const values = await dayMetrics(store, { start, end: start + DAY_MS, bounds: "[)" });
  // Servers rolling up the same day at once end with one snapshot: the unique period decides.
  return store.upsert("AnalyticsSnapshot", ["period"], { period, ...values });
}

export interface RollupResult {
  workspace_id: string;
  period: string;
  snapshot_id: string;
}

/** Rolls up the `days` complete UTC days before `until`, each in its own transaction (`store` is not on one). */
export async function rollupDays(store: Store, options: { until: number; days: number }): Promise<RollupResult[]> {
  const today = startOf(options.until, "day");
  const results: RollupResult[] = [];
  for (let i = options.days; i >= 1; i--) {
    const snapshot = await store.db.transaction().execute((trx) => rollupDay(store.with(trx, ACCESS), today - i * DAY_MS));
    results.push({ workspace_id: store.workspaceId, period: snapshot.period, snapshot_id: snapshot.id });
  }
  return results;
}

/**
 * What the server calls once a day (and `flashfusion rollup` on demand): yesterday's snapshot
 * of every workspace, or of the ones named. Idempotent, so a second run anywhere is harmless.
 */
export async function runDailyRollup(deps: StoreDeps, options: { workspaceIds?: readonly string[]; days?: number } = {}): Promise<RollupResult[]> {
  const ids =
    options.workspaceIds ?? (await deps.db.selectFrom("workspaces").select("id").orderBy("id").execute()).map((w) => String(w.id));
  const results: RollupResult[] = [];
  for (const id of ids) {
    results.push(...(await rollupDays(new Store(deps, id, ACCESS), { until: deps.clock.now().getTime(), days: options.days ?? 1 })));
  }
  return results;
}

