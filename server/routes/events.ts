import { ingestEvents } from "../../tools/analytics/ingest/ingest-events.js";
import type { ServerContext } from "../context.js";
import type { Routes } from "../openapi/route.js";
import { callDone } from "./tool-call.js";

/** Event ingestion for SignalSage: a batch, kept once per event id, folded into sessions. */
export function registerEventRoutes(routes: Routes, ctx: ServerContext): void {
  routes.add(
    {
      method: "post",
      path: "/api/v1/events",
      operationId: "ingestEvents",
      summary: "Ingest a batch of analytics events",
      description: "Up to 1,000 events. Each is kept once by its event_id, so a batch sent twice is counted once; sessions are derived as events arrive (30 minutes without an event closes one).",
      tag: "Analytics",
      auth: ["api_key", "user"],
      permission: "events",
      body: ingestEvents.input,
      responses: { 200: { description: "What was recorded", schema: ingestEvents.output } },
      errors: [400, 403],
    },
    async (c, { body }) => c.json((await callDone(ctx, c, "ingest_events", body)).output as object),
  );
}
