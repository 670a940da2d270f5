import type { Store } from "../../entities/store.js";
import { createTestKit, type TestKit } from "../testing.js";
import { analyticsTools } from "./index.js";

export const HOUR = 3_600_000;
export const DAY = 24 * HOUR;

/** A test kit with only the analytics tools, its clock frozen at `now`. */
export function analyticsKit(now = "2026-03-10T09:00:00Z"): Promise<TestKit> {
  return createTestKit({ now, tools: analyticsTools });
}

/** ISO time `ms` before `now` (the suites' `now-…` strings). */
export function before(now: string, ms: number): string {
  return new Date(Date.parse(now) - ms).toISOString();
}

export async function pageView(store: Store, user: string | null, path: string, timestamp: string, session: string | null = null) {
  return store.insert("Event", { event_name: "page_view", user_id: user, session_id: session, properties: { path }, timestamp });
}

export async function event(store: Store, name: string, user: string | null, timestamp: string) {
  return store.insert("Event", { event_name: name, user_id: user, timestamp });
}
