import type { Store } from "../../../../entities/store.js";

/**
 * How long a delivery to `webhookId` must wait so that at most `limit` deliveries start in any
 * `windowMs` (0: it may start now). Counted from the deliveries' `last_attempt_at` in the
 * database, so the limit holds across restarts and processes sharing the database.
 */
export async function rateLimitWait(
  store: Store,
  webhookId: string,
  nowMs: number,
  rate: { limit: number; windowMs: number },
): Promise<number> {
  const started = store.column("WebhookDelivery", "last_attempt_at");
  const oldest = await store
    .select("WebhookDelivery")
    .where(store.column("WebhookDelivery", "webhook_id"), "=", webhookId)
    .where(started, ">", new Date(nowMs - rate.windowMs).toISOString())
    .orderBy(started, "desc")
    .limit(1)
    .offset(rate.limit - 1)
    .executeTakeFirst();
  if (!oldest) return 0;
  // The window frees a slot when the limit-th latest start leaves it.
  return Math.max(1, Date.parse(String(oldest[started])) + rate.windowMs - nowMs);
}
