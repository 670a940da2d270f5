import { z } from "zod";
import { WEBHOOK_EVENTS } from "../../../entities/catalog/security.js";
import type { Store } from "../../../entities/store.js";
import type { Webhook } from "./dispatcher/queue.js";
import { pickOne } from "./pick.js";

export const WebhookEventName = z.enum(WEBHOOK_EVENTS);

/** Other words for the events, as people say them ("failed runs", "deployment success"). */
export const EVENT_ALIASES: Readonly<Record<string, (typeof WEBHOOK_EVENTS)[number]>> = {
  failure: "run.failed",
  "failed run": "run.failed",
  "run failure": "run.failed",
  "build failure": "run.failed",
  "failed build": "run.failed",
  "run fails": "run.failed",
  "started run": "run.started",
  "run start": "run.started",
  "run starts": "run.started",
  "completed run": "run.completed",
  "successful run": "run.completed",
  "run completion": "run.completed",
  "run succeeds": "run.completed",
  "successful deployment": "deployment.success",
  "deployment success": "deployment.success",
  "optimization available": "optimization.available",
  // A verb after the pipeline's name: "whenever webapp-pipeline fails".
  fails: "run.failed",
  failed: "run.failed",
  breaks: "run.failed",
  starts: "run.started",
  started: "run.started",
  succeeds: "run.completed",
  succeeded: "run.completed",
  completes: "run.completed",
  finishes: "run.completed",
  deploys: "deployment.success",
  deployed: "deployment.success",
  "new optimization": "optimization.available",
};

/** A webhook as the tools answer it: never its secret. */
export const WebhookView = z.object({
  id: z.string(),
  url: z.string(),
  events: z.array(z.string()),
  pipeline: z.object({ id: z.string(), name: z.string() }).nullable(),
  active: z.boolean(),
  disabled_reason: z.string().nullable(),
  created_at: z.string(),
});
export type WebhookView = z.infer<typeof WebhookView>;

export async function viewWebhooks(store: Store, webhooks: readonly Webhook[]): Promise<WebhookView[]> {
  const names = new Map((await store.find("PipelineConfig")).map((p) => [p.id, p.name]));
  return webhooks.map((w) => ({
    id: w.id,
    url: w.url,
    events: w.events,
    pipeline: w.pipeline_id ? { id: w.pipeline_id, name: names.get(w.pipeline_id) ?? w.pipeline_id } : null,
    active: w.active,
    disabled_reason: w.disabled_reason,
    created_at: w.created_at,
  }));
}

/** "run.failed, run.completed on webapp-pipeline" / "… on every pipeline". */
export function subscription(w: Pick<WebhookView, "events" | "pipeline">): string {
  return `${w.events.join(", ")} on ${w.pipeline ? w.pipeline.name : "every pipeline"}`;
}

/** A webhook by id (wh_…) or by its URL (or a unique part of it). */
export async function resolveWebhook(store: Store, ref: string, field: string): Promise<Webhook> {
  return pickOne(await store.find("Webhook", {}, { orderBy: "created_at" }), ref, {
    what: "webhook",
    field,
    id: (w) => w.id,
    labels: (w) => [w.url],
  });
}
