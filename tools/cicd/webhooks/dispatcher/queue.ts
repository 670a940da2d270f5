import type { WEBHOOK_EVENTS } from "../../../../entities/catalog/security.js";
import type { Entities } from "../../../../entities/index.js";
import type { Store } from "../../../../entities/store.js";
import type { PlatformEvent } from "../../../services.js";

export type WebhookEventName = (typeof WEBHOOK_EVENTS)[number];
export type Webhook = Entities["Webhook"];
export type Delivery = Entities["WebhookDelivery"];

/** An event to deliver: a platform event of some workspace, or one sent by hand. */
export type WebhookEvent = Omit<PlatformEvent, "workspace_id">;

/** The body every endpoint receives (the seed's payload structure). */
export interface WebhookPayload {
  event: WebhookEventName;
  timestamp: string;
  pipeline_id: string | null;
  data: Record<string, unknown>;
}

/** Whether an endpoint wants an event: active, subscribed to it, and of its pipeline when it names one. */
export function subscribes(webhook: Webhook, event: WebhookEvent): boolean {
  return (
    webhook.active &&
    webhook.events.includes(event.event) &&
    (webhook.pipeline_id === null || webhook.pipeline_id === event.pipeline_id)
  );
}

/**
 * Queues one delivery of the event to every endpoint of the store's workspace that wants it,
 * due at `dueAt`. The rows are the queue: written in the caller's transaction, they survive a
 * restart and are sent once it commits.
 */
export async function queueDeliveries(store: Store, event: WebhookEvent, dueAt: string): Promise<Delivery[]> {
  const endpoints = (await store.find("Webhook", { active: true }, { orderBy: "created_at" })).filter((w) => subscribes(w, event));
  const payload: WebhookPayload = { event: event.event, timestamp: event.timestamp, pipeline_id: event.pipeline_id, data: event.data };
  const queued: Delivery[] = [];
  for (const webhook of endpoints) {
    queued.push(
      await store.insert("WebhookDelivery", {
        webhook_id: webhook.id,
        event: event.event,
        payload: payload as unknown as Record<string, unknown>,
        status: "pending",
        attempt: 0,
        next_attempt_at: dueAt,
      }),
    );
  }
  return queued;
}

/** Ends every queued delivery of an endpoint that will never receive them (disabled or deleted). */
export async function abandonQueued(store: Store, webhookId: string, reason: string): Promise<number> {
  let n = 0;
  for (const status of ["pending", "delivering"] as const) {
    for (const d of await store.find("WebhookDelivery", { webhook_id: webhookId, status })) {
      if (await store.update("WebhookDelivery", d.id, { status: "dead", next_attempt_at: null, error: reason }, { status, attempt: d.attempt })) n++;
    }
  }
  return n;
}
