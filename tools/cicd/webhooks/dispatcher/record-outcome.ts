import type { Kysely } from "kysely";
import type { DB } from "../../../../entities/db.js";
import type { Store } from "../../../../entities/store.js";
import type { Outcome } from "./attempt.js";
import { retryDelay } from "./backoff.js";
import type { DeliveryPolicy } from "./policy.js";
import { abandonQueued, type Delivery, type Webhook } from "./queue.js";

export interface RecordContext {
  db: Kysely<DB>;
  nowMs: number;
  policy: DeliveryPolicy;
  random?: () => number;
}

const iso = (ms: number) => new Date(ms).toISOString();

/**
 * Writes what an attempt came to. Every update is a compare-and-set on the claim (status
 * `delivering` at this attempt number), so a result that arrives after its claim expired and
 * another worker took the delivery changes nothing.
 */
export async function recordOutcome(store: Store, delivery: Delivery, webhook: Webhook, outcome: Outcome, ctx: RecordContext): Promise<void> {
  const claim = { status: "delivering" as const, attempt: delivery.attempt };
  switch (outcome.kind) {
    case "delivered":
      await store.update(
        "WebhookDelivery",
        delivery.id,
        { status: "delivered", response_status: outcome.status, latency_ms: outcome.latencyMs, delivered_at: iso(ctx.nowMs), next_attempt_at: null, error: null },
        claim,
      );
      return;
    case "gone":
      await ctx.db.transaction().execute(async (trx) => {
        const s = store.with(trx);
        const recorded = await s.update(
          "WebhookDelivery",
          delivery.id,
          { status: "dead", response_status: outcome.status, latency_ms: outcome.latencyMs, next_attempt_at: null, error: "the endpoint answered 410 Gone; the webhook is disabled" },
          claim,
        );
        if (!recorded) return;
        await s.update("Webhook", webhook.id, {
          active: false,
          disabled_reason: `${webhook.url} answered 410 Gone on ${iso(ctx.nowMs)} (delivery ${delivery.id})`,
        });
        await abandonQueued(s, webhook.id, "the webhook was disabled: its endpoint answered 410 Gone");
      });
      return;
    case "refused":
      await store.update("WebhookDelivery", delivery.id, { status: "failed", next_attempt_at: null, error: outcome.error }, claim);
      return;
    case "interrupted":
      await store.update("WebhookDelivery", delivery.id, { status: "pending", next_attempt_at: iso(ctx.nowMs), error: "interrupted when the dispatcher stopped" }, claim);
      return;
    case "retry": {
      const common = { response_status: outcome.status, latency_ms: outcome.latencyMs };
      if (delivery.attempt >= ctx.policy.maxAttempts) {
        await store.update(
          "WebhookDelivery",
          delivery.id,
          { ...common, status: "failed", next_attempt_at: null, error: `gave up after ${delivery.attempt} attempts; last: ${outcome.error}` },
          claim,
        );
        return;
      }
      const wait = retryDelay(delivery.attempt, outcome.retryAfterMs, ctx.policy, ctx.random);
      await store.update(
        "WebhookDelivery",
        delivery.id,
        { ...common, status: "pending", next_attempt_at: iso(ctx.nowMs + wait), error: outcome.error },
        claim,
      );
      return;
    }
  }
}
