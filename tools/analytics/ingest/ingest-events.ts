import { z } from "zod";
import { defineTool } from "../../define.js";
import { hint } from "../hint.js";
import { foldIntoSessions } from "./sessions.js";

const IncomingEvent = z.object({
  event_id: z.string().trim().min(1).max(200).describe("the sender's id of the event: sending it again keeps it once"),
  event_name: z.string().trim().min(1).max(100).describe("page_view, signup, purchase…"),
  event_type: z.string().trim().min(1).max(50).optional().describe("page, track, identify… (default track; page for page_view)"),
  user_id: z.string().trim().min(1).max(200).nullish(),
  session_id: z.string().trim().min(1).max(200).nullish(),
  properties: z.record(z.string(), z.unknown()).optional().describe("page views carry path, e.g. {\"path\": \"/signup\"}"),
  timestamp: z.iso.datetime({ offset: true }).optional().describe("when it happened (ISO 8601); default now"),
});

export const ingestEvents = defineTool({
  name: "ingest_events",
  title: "Ingest analytics events",
  description:
    "Record a batch of product analytics events (page views, signups, purchases…) for SignalSage, each kept once by its event_id however often it is sent, and fold them into sessions (30 minutes without an event closes one).",
  domain: "platform",
  input: z.object({
    events: z
      .array(IncomingEvent)
      .min(1)
      .max(1000)
      .meta(hint({ description: "the events, up to 1,000", extract: "text", cues: ["events"] })),
  }),
  output: z.object({
    accepted: z.number().int().describe("events recorded now"),
    duplicates: z.number().int().describe("events already recorded (same event_id), skipped"),
    event_ids: z.array(z.string()).describe("the recorded Event rows' ids, in the order sent (duplicates left out)"),
    sessions: z.object({ created: z.number().int(), updated: z.number().int(), merged: z.number().int() }),
  }),
  effect: "write",
  idempotent: true,
  permission: "events",
  reads: ["Event", "Session"],
  writes: ["Event", "Session"],
  examples: [
    "Track a page_view of /signup for user u_42",
    "Record a signup event for visitor_7",
    "Ingest these events",
    "Log a purchase event for ada@example.com",
    "Send a page view of /checkout",
  ],
  keywords: ["ingest", "track", "record", "events", "analytics"],
  run: async (input, ctx) => {
    const ids = [...new Set(input.events.map((e) => e.event_id))];
    const known = new Set<string>();
    for (let i = 0; i < ids.length; i += 500) {
      const rows = await ctx.store.select("Event").clearSelect().select("external_id").where("external_id", "in", ids.slice(i, i + 500)).execute();
      for (const r of rows) known.add(String(r.external_id));
    }
    const now = ctx.clock.now().toISOString();
    const added = [];
    for (const e of input.events) {
      if (known.has(e.event_id)) continue;
      known.add(e.event_id);
      added.push(
        await ctx.store.insert("Event", {
          external_id: e.event_id,
          event_name: e.event_name,
          event_type: e.event_type ?? (e.event_name === "page_view" ? "page" : "track"),
          user_id: e.user_id ?? null,
          session_id: e.session_id ?? null,
          properties: e.properties ?? {},
          timestamp: e.timestamp ? new Date(e.timestamp).toISOString() : now,
        }),
      );
    }
    const sessions = await foldIntoSessions(ctx.store, added);
    return { accepted: added.length, duplicates: input.events.length - added.length, event_ids: added.map((e) => e.id), sessions };
  },
  reply: (o) =>
    `Recorded ${o.accepted} event${o.accepted === 1 ? "" : "s"}${o.duplicates ? ` (${o.duplicates} already recorded, skipped)` : ""}; sessions: ${o.sessions.created} new, ${o.sessions.updated} extended${o.sessions.merged ? `, ${o.sessions.merged} merged` : ""}.`,
});
