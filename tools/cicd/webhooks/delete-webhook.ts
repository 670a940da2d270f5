import { z } from "zod";
import type { ToolContext } from "../../define.js";
import { defineTool } from "../../define.js";
import { ToolError } from "../../errors.js";
import { abandonQueued, type Webhook } from "./dispatcher/queue.js";
import { hint } from "./hint.js";
import { resolveWebhook, subscription, viewWebhooks } from "./webhook-view.js";

const Input = z.object({
  webhook: z
    .string()
    .trim()
    .min(1)
    .optional()
    .meta(hint({ description: "the webhook's id (wh_…)", extract: "id", prefix: "wh", cues: ["webhook", "delete webhook", "remove webhook"] })),
  url: z
    .string()
    .trim()
    .min(1)
    .optional()
    .meta(hint({ description: "the webhook's URL, when no id is given", extract: "url", cues: ["to", "at", "for", "webhook"] })),
});

async function target(input: z.infer<typeof Input>, ctx: ToolContext): Promise<Webhook> {
  const ref = input.webhook ?? input.url;
  if (!ref) {
    throw new ToolError("VALIDATION", "Which webhook should be deleted? Give its id (wh_…) or its URL.", { field: "webhook", ask: true });
  }
  return resolveWebhook(ctx.store, ref, input.webhook ? "webhook" : "url");
}

export const deleteWebhook = defineTool({
  name: "delete_webhook",
  title: "Delete a webhook",
  description:
    "Delete a webhook endpoint (by id or URL) for good: it receives no more events and its queued deliveries are dropped. Waits for approval.",
  domain: "cicd",
  input: Input,
  output: z.object({ id: z.string(), url: z.string(), subscription: z.string(), dropped_deliveries: z.number().int() }),
  effect: "destructive",
  reads: ["PipelineConfig"],
  writes: ["Webhook", "WebhookDelivery"],
  examples: [
    "Delete webhook wh_4k2m9x",
    "Remove the webhook to https://hooks.example.com/ci",
    "Delete the webhook https://ops.acme.io/flashfusion",
    "Stop sending webhooks to https://alerts.example.com/pipelines",
    "Remove webhook wh_7f3kq9x2m4wz",
  ],
  keywords: ["delete", "remove", "unsubscribe", "stop", "webhook", "endpoint"],
  prepare: async (input, ctx) => {
    const webhook = await target(input, ctx);
    const [view] = await viewWebhooks(ctx.store, [webhook]);
    const queued =
      (await ctx.store.count("WebhookDelivery", { webhook_id: webhook.id, status: "pending" })) +
      (await ctx.store.count("WebhookDelivery", { webhook_id: webhook.id, status: "delivering" }));
    const drop = queued ? ` and drop its ${queued} queued deliver${queued === 1 ? "y" : "ies"}` : "";
    return `Delete webhook ${webhook.id} to ${webhook.url} (${subscription(view!)})${drop}`;
  },
  run: async (input, ctx) => {
    const webhook = await target(input, ctx);
    const [view] = await viewWebhooks(ctx.store, [webhook]);
    // The delivery log stays; what was still queued is ended so the dispatcher never sends it.
    const dropped = await abandonQueued(ctx.store, webhook.id, "the webhook was deleted");
    if (!(await ctx.store.delete("Webhook", webhook.id))) throw new ToolError("NOT_FOUND", `The webhook to ${webhook.url} is already gone`);
    return { id: webhook.id, url: webhook.url, subscription: subscription(view!), dropped_deliveries: dropped };
  },
  reply: (o) =>
    `Deleted webhook ${o.id}: ${o.url} no longer receives ${o.subscription}.${o.dropped_deliveries ? ` Dropped ${o.dropped_deliveries} queued deliver${o.dropped_deliveries === 1 ? "y" : "ies"}.` : ""}`,
});
