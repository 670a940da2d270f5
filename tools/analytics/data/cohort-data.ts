/** What cohort retention reads: who signed up when, and on which days each of them was active. */
import type { Store } from "../../../entities/store.js";
import type { Activity, CohortMember } from "../engine/cohorts.js";
import type { TimeRange } from "../time.js";
import { dayOf, inRange } from "./sql.js";

/** Users whose `created_at` falls in the signup range. */
export async function loadMembers(store: Store, signups: TimeRange): Promise<CohortMember[]> {
  const rows = await inRange(store.select("User").clearSelect(), "created_at", signups).select(["id", "created_at"]).execute();
  return rows.map((r) => ({ id: String(r.id), created: Date.parse(String(r.created_at)) }));
}

/**
 * One row per member and day with any Event in the activity range, grouped in the database
 * (the `(workspace_id, user_id, timestamp)` index covers it), so the process sees a row per
 * active person and day rather than per event.
 */
export async function loadActivity(store: Store, signups: TimeRange, activity: TimeRange): Promise<Activity[]> {
  const members = inRange(store.select("User").clearSelect(), "created_at", signups).select("id");
  const day = dayOf(store, "timestamp");
  const rows = await inRange(store.select("Event").clearSelect(), "timestamp", activity)
    .where("user_id", "in", members)
    .select(["user_id", day.as("day")])
    .groupBy(["user_id", day])
    .execute();
  return rows.map((r) => ({ person: String(r.user_id), time: Date.parse(`${String(r.day)}T00:00:00Z`) }));
}
