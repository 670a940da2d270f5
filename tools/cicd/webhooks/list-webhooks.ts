import { z } from "zod";
import type { Store } from "../../../entities/store.js";
import { defineTool } from "../../define.js";
import { hint } from "./hint.js";
import { resolvePipeline } from "./resolve-pipeline.js";
import { subscription, viewWebhooks, WebhookView } from "./webhook-view.js";

const LastDelivery = z.object({
  id: z.string(),
  event: z.string(),
  status: z.string(),
  response_status: z.number().nullable(),
  attempted_at: z.string(),
});

const Listed = WebhookView.extend({
  /** Deliveries waiting to be sent (queued, retrying or held by the rate limit). */
  queued: z.number().int(),
  last_delivery: LastDelivery.nullable(),
});
type Listed = z.infer<typeof Listed>;

async function queuedCounts(store: Store): Promise<Map<string, number>> {
  const rows = await store
    .select("WebhookDelivery")
    .clearSelect()
    .select(["webhook_id"])
    .select((eb) => eb.fn.countAll().as("n"))
    .where("status", "in", ["pending", "delivering"])
    .groupBy("webhook_id")
    .execute();
  return new Map(rows.map((r) => [String(r.webhook_id), Number(r.n)]));
}

function line(w: Listed): string {
  const state = w.active ? "active" : `disabled${w.disabled_reason ? ` (${w.disabled_reason})` : ""}`;
  const last = w.last_delivery
    ? `last delivery ${w.last_delivery.event} ${w.last_delivery.status}${w.last_delivery.response_status ? ` (HTTP ${w.last_delivery.response_status})` : ""} at ${w.last_delivery.attempted_at}`
    : "no deliveries yet";
  const queued = w.queued ? `, ${w.queued} queued` : "";
  return `- ${w.url}: ${subscription(w)}; ${state}; ${last}${queued} [${w.id}]`;
}

export const listWebhooks = defineTool({
  name: "list_webhooks",
  title: "List webhooks",
  description:
    "List the workspace's webhook endpoints with their events, pipeline filter, whether they are active (a 410 answer disables one), their last delivery and how many deliveries are queued. Never shows signing secrets.",
  domain: "cicd",
  input: z.object({
    pipeline: z
      .string()
      .trim()
      .min(1)
      .optional()
      .meta(
        hint({
          description: "only webhooks that receive this pipeline's events (name or id)",
          extract: "name",
          cues: ["for", "on", "of", "pipeline", "for pipeline"],
        }),
      ),
  }),
  output: z.object({ webhooks: z.array(Listed), pipeline: z.string().nullable() }),
  effect: "read",
  idempotent: true,
  reads: ["Webhook", "WebhookDelivery", "PipelineConfig"],
  examples: [
    "List webhooks",
    "Show my webhooks",
    "Which webhooks are set up for webapp-pipeline?",
    "What webhook endpoints do we have?",
    "Show webhooks on api-pipeline and their last deliveries",
    "Are any webhooks disabled?",
  ],
  keywords: ["webhooks", "webhook", "endpoints", "hooks", "list", "show", "deliveries"],
  run: async (input, ctx) => {
    const pipeline = input.pipeline ? await resolvePipeline(ctx.store, input.pipeline) : null;
    const all = await ctx.store.find("Webhook", {}, { orderBy: "url" });
    const chosen = pipeline ? all.filter((w) => w.pipeline_id === null || w.pipeline_id === pipeline.id) : all;
    const queued = await queuedCounts(ctx.store);
    const views = await viewWebhooks(ctx.store, chosen);
    const webhooks: Listed[] = [];
    for (const view of views) {
      const last = await ctx.store.findOne("WebhookDelivery", { webhook_id: view.id }, { orderBy: "last_attempt_at", direction: "desc" });
      webhooks.push({
        ...view,
        queued: queued.get(view.id) ?? 0,
        last_delivery:
          last?.last_attempt_at != null
            ? { id: last.id, event: last.event, status: last.status, response_status: last.response_status, attempted_at: last.last_attempt_at }
            : null,
      });
    }
    return { webhooks, pipeline: pipeline?.name ?? null };
  },
  reply: (o) => {
    const scope = o.pipeline ? ` for ${o.pipeline}` : "";
    if (o.webhooks.length === 0) return `There are no webhooks${scope}.`;
    return `Webhooks${scope} (${o.webhooks.length}):\n${o.webhooks.map(line).join("\n")}`;
  },
});
