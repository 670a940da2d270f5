/**
 * Event names as people say them ("signups", "trial started", "events.checkout_started") matched
 * to the names this workspace has recorded ("signup", "trial_started", "checkout_started").
 */
import type { Store } from "../../../entities/store.js";
import { ToolError } from "../../errors.js";

/** How many recorded names an error lists. */
const LISTED = 20;

function canonical(name: string): string {
  return name
    .trim()
    .toLowerCase()
    .replace(/^events?\./, "")
    .replace(/[\s\-.]+/g, "_");
}

/** "signups" → "signup", "checkouts_started" stays: only a final plural is dropped. */
function singular(name: string): string {
  if (name.endsWith("ies")) return `${name.slice(0, -3)}y`;
  if (name.endsWith("ses") || name.endsWith("xes")) return name.slice(0, -2);
  return name.endsWith("s") && !name.endsWith("ss") ? name.slice(0, -1) : name;
}

export async function recordedEventNames(store: Store): Promise<string[]> {
  const rows = await store.select("Event").clearSelect().select("event_name").distinct().orderBy("event_name").execute();
  return rows.map((r) => String(r.event_name));
}

/**
 * The recorded name that `said` stands for: exactly, then ignoring case, separators and a final
 * plural. A name that matches nothing is a NOT_FOUND naming the recorded ones, so the person can
 * pick one instead of getting an empty analysis.
 */
export async function resolveEventName(store: Store, said: string): Promise<string> {
  const wanted = said.trim().replace(/^events?\./i, "");
  const names = await recordedEventNames(store);
  if (names.includes(wanted)) return wanted;
  const key = canonical(wanted);
  const exact = names.find((n) => canonical(n) === key);
  if (exact) return exact;
  const loose = names.find((n) => singular(canonical(n)) === singular(key));
  if (loose) return loose;
  const listed = names.slice(0, LISTED).join(", ");
  throw new ToolError(
    "NOT_FOUND",
    names.length
      ? `No events named "${wanted}" have been recorded in this workspace; recorded events: ${listed}${names.length > LISTED ? ", …" : ""}`
      : `No events named "${wanted}" have been recorded in this workspace; no events have been recorded yet`,
    { field: "event_name", allowed: names.slice(0, LISTED) },
  );
}
