/**
 * The events a funnel counts, read in time order: page views of the steps' paths and events of
 * the steps' names, each tagged with the steps it satisfies and the person who did it.
 */
import type { Store } from "../../../entities/store.js";
import type { Dated } from "../engine/series.js";
import type { FunnelEvent } from "../engine/funnel.js";
import { startOf, type TimeRange } from "../time.js";
import { inRange, jsonText } from "./sql.js";

export type FunnelStep = { kind: "path"; path: string } | { kind: "event"; name: string };

/** A trailing slash is ignored: /signup/ is /signup (the root stays /). */
export function normalizePath(path: string): string {
  const trimmed = path.trim();
  return trimmed.length > 1 ? trimmed.replace(/\/+$/, "") : trimmed;
}

/** "/signup" is a page path; anything else names an event. */
export function parseStep(text: string): FunnelStep {
  const t = text.trim();
  return t.startsWith("/") ? { kind: "path", path: normalizePath(t) } : { kind: "event", name: t };
}

export function stepLabel(step: FunnelStep): string {
  return step.kind === "path" ? step.path : step.name;
}

/** Who did it: the user, or the session when no user is known; null when neither is. */
function personOf(row: { user_id: unknown; session_id: unknown }): string | null {
  if (row.user_id != null && row.user_id !== "") return String(row.user_id);
  if (row.session_id != null && row.session_id !== "") return `session:${String(row.session_id)}`;
  return null;
}

interface StepRow {
  user_id: unknown;
  session_id: unknown;
  event_name: unknown;
  path: unknown;
  timestamp: unknown;
}

async function loadStepRows(store: Store, steps: readonly FunnelStep[], range: TimeRange): Promise<StepRow[]> {
  const paths = [...new Set(steps.flatMap((s) => (s.kind === "path" ? [s.path, `${s.path}/`] : [])))];
  const names = [...new Set(steps.flatMap((s) => (s.kind === "event" ? [s.name] : [])))];
  const path = jsonText(store, "properties", "path");
  const query = inRange(store.select("Event").clearSelect(), "timestamp", range)
    .select(["user_id", "session_id", "event_name", "timestamp", path.as("path")])
    .where((eb) => {
      const either = [];
      if (paths.length) either.push(eb.and([eb("event_name", "=", "page_view"), eb(path, "in", paths)]));
      if (names.length) either.push(eb("event_name", "in", names));
      return eb.or(either);
    })
    // Same instant: the order they were recorded in.
    .orderBy("timestamp")
    .orderBy("created_at")
    .orderBy("id");
  return (await query.execute()) as StepRow[];
}

function matcher(steps: readonly FunnelStep[]) {
  return (row: StepRow): number[] => {
    const path = row.event_name === "page_view" && typeof row.path === "string" ? normalizePath(row.path) : null;
    const matched: number[] = [];
    steps.forEach((s, i) => {
      if (s.kind === "path" ? path === s.path : row.event_name === s.name) matched.push(i);
    });
    return matched;
  };
}

/** Every event of any step in the range, in time order. */
export async function loadFunnelEvents(store: Store, steps: readonly FunnelStep[], range: TimeRange): Promise<FunnelEvent[]> {
  const rows = await loadStepRows(store, steps, range);
  const stepsOf = matcher(steps);
  const events: FunnelEvent[] = [];
  for (const row of rows) {
    const person = personOf(row);
    if (person === null) continue;
    const matched = stepsOf(row);
    if (matched.length) events.push({ person, time: Date.parse(String(row.timestamp)), steps: matched });
  }
  return events;
}

/** Distinct people a day with an event of `step` (the funnel's entries), one value per UTC day that had any. */
export async function dailyEntrants(store: Store, step: FunnelStep, range: TimeRange): Promise<Dated[]> {
  const rows = await loadStepRows(store, [step], range);
  const stepsOf = matcher([step]);
  const people = new Map<number, Set<string>>();
  for (const row of rows) {
    const person = personOf(row);
    if (person === null || !stepsOf(row).length) continue;
    const day = startOf(Date.parse(String(row.timestamp)), "day");
    let seen = people.get(day);
    if (!seen) people.set(day, (seen = new Set()));
    seen.add(person);
  }
  return [...people].map(([time, seen]) => ({ time, value: seen.size }));
}
