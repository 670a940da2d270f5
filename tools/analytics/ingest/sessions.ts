import type { Entities } from "../../../entities/index.js";
import type { Store } from "../../../entities/store.js";

type Event = Entities["Event"];
type Session = Entities["Session"];

/** 30 minutes without an event closes a session. */
export const SESSION_GAP_MS = 30 * 60_000;

/** Events that mark a session as converted. */
export const CONVERSION_EVENTS: ReadonlySet<string> = new Set(["purchase", "order_completed", "checkout_completed", "subscription_started", "conversion"]);

function pathOf(e: Event): string | null {
  const path = (e.properties as Record<string, unknown>).path;
  return e.event_name === "page_view" && typeof path === "string" ? path : null;
}

export interface SessionChanges {
  created: number;
  updated: number;
  merged: number;
}

/**
 * Folds new events into Sessions: a person's (`user_id`, else the sender's `session_id`) events
 * belong to one session while each comes within 30 minutes of another. An event inside or near a
 * session extends it; one that bridges two sessions (it arrived late) merges them; any other
 * starts a new one. Page views are counted, the first page viewed is the entry path, and a
 * conversion event marks the session converted. Order of arrival does not matter.
 */
export async function foldIntoSessions(store: Store, events: readonly Event[]): Promise<SessionChanges> {
  const changes: SessionChanges = { created: 0, updated: 0, merged: 0 };
  const sorted = [...events].sort((a, b) => a.timestamp.localeCompare(b.timestamp));
  for (const e of sorted) {
    if (!e.user_id && !e.session_id) continue;
    const t = Date.parse(e.timestamp);
    let q = store.select("Session");
    // A known person's sessions follow them; an anonymous visitor's follow the sender's session id.
    q = e.user_id ? q.where("user_id", "=", e.user_id) : q.where("user_id", "is", null).where("session_key", "=", e.session_id!);
    const near = store.decode(
      "Session",
      await q
        .where("started_at", "<=", new Date(t + SESSION_GAP_MS).toISOString())
        .where("ended_at", ">=", new Date(t - SESSION_GAP_MS).toISOString())
        .orderBy("started_at", "asc")
        .execute(),
    );
    const path = pathOf(e);
    const converted = CONVERSION_EVENTS.has(e.event_name);
    if (!near.length) {
      await store.insert("Session", {
        user_id: e.user_id,
        session_key: e.session_id,
        started_at: e.timestamp,
        ended_at: e.timestamp,
        duration_seconds: 0,
        page_views: path ? 1 : 0,
        converted,
        entry_path: path,
      });
      changes.created++;
      continue;
    }
    const [keep, ...others] = near as [Session, ...Session[]];
    let start = Date.parse(keep.started_at);
    let end = Date.parse(keep.ended_at ?? keep.started_at);
    let views = keep.page_views + (path ? 1 : 0);
    let isConverted = keep.converted || converted;
    let entry = keep.entry_path;
    for (const o of others) {
      if (Date.parse(o.started_at) < start) entry = o.entry_path ?? entry;
      start = Math.min(start, Date.parse(o.started_at));
      end = Math.max(end, Date.parse(o.ended_at ?? o.started_at));
      views += o.page_views;
      isConverted ||= o.converted;
      await store.delete("Session", o.id);
      changes.merged++;
    }
    if (path && t < start) entry = path;
    if (path && !entry) entry = path;
    start = Math.min(start, t);
    end = Math.max(end, t);
    await store.update("Session", keep.id, {
      started_at: new Date(start).toISOString(),
      ended_at: new Date(end).toISOString(),
      duration_seconds: (end - start) / 1000,
      page_views: views,
      converted: isConverted,
      entry_path: entry,
    });
    changes.updated++;
  }
  return changes;
}
