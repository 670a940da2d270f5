import { z } from "zod";
import { defineTool } from "../../define.js";
import { hint } from "./hint.js";
import { ToolError } from "../../errors.js";
import { pipelineFields, pipelineOf } from "./resolve-pipeline.js";
import { EVENT_ALIASES, WebhookEventName } from "./webhook-view.js";

/** A JSON object as given, or JSON text of one; any other text becomes `{ message: text }`. */
const Payload = z
  .union([z.record(z.string(), z.unknown()), z.string()])
  .transform((value): Record<string, unknown> => {
    if (typeof value !== "string") return value;
    try {
      const parsed: unknown = JSON.parse(value);
      if (parsed && typeof parsed === "object" && !Array.isArray(parsed)) return parsed as Record<string, unknown>;
    } catch {
      // Not JSON: a plain message.
    }
    return { message: value };
  });

export const sendWebhook = defineTool({
  name: "send_webhook",
  title: "Send a webhook event",
  description:
    "Send a pipeline event by hand to every active webhook subscribed to it (the seed's sendWebhook endpoint): event_type, pipeline (name or id) and an optional JSON payload that becomes the event's data. Deliveries are signed, queued and retried like any other.",
  domain: "cicd",
  input: z.object({
    event_type: WebhookEventName.meta(
      hint({
        description: "the event: run.started, run.completed, run.failed, optimization.available or deployment.success",
        extract: "enum",
        cues: ["send", "event", "fire", "trigger"],
        aliases: EVENT_ALIASES,
      }),
    ),
    ...pipelineFields("the pipeline the event is about", ["for", "on", "pipeline", "about"]),
    payload: Payload.optional().meta(
      hint({
        description: "the event's data: a JSON object such as {\"run_id\": \"run_456\", \"status\": \"success\"}; plain text becomes {\"message\": text}",
        extract: "text",
        cues: ["payload", "with payload", "data", "with data", "message"],
      }),
    ),
  }),
  output: z.object({
    event: z.string(),
    pipeline: z.object({ id: z.string(), name: z.string() }),
    timestamp: z.string(),
    deliveries: z.array(z.object({ id: z.string(), webhook_id: z.string(), url: z.string() })),
  }),
  effect: "write",
  permission: "webhook",
  openWorld: true,
  reads: ["PipelineConfig", "Webhook"],
  writes: ["WebhookDelivery"],
  examples: [
    "Send a run.failed webhook for webapp-pipeline",
    "Fire the run.completed event on api-pipeline with message: deployed to staging in 2m 30s",
    "Send webhook deployment.success for webapp-pipeline",
    "Trigger a run.started webhook notification for pl_web",
    "Send a test optimization.available event for webapp-pipeline",
    "Notify webhooks of run.failed on api-pipeline with message: tests are red on main",
  ],
  keywords: ["send", "fire", "trigger", "notify", "webhook", "event", "notification", "test"],
  pipelineOf: async (input, ctx) => (await pipelineOf(ctx.store, input))?.id,
  run: async (input, ctx) => {
    const pipeline = await pipelineOf(ctx.store, input);
    if (!pipeline) throw new ToolError("VALIDATION", "Which pipeline is the event about? Give its name or id.", { field: "pipeline", ask: true });
    const timestamp = ctx.clock.now().toISOString();
    const queued = await ctx.services.webhooks.queue(ctx.store, {
      event: input.event_type,
      pipeline_id: pipeline.id,
      data: input.payload ?? {},
      timestamp,
    });
    if (queued.length > 0) ctx.afterCommit(() => ctx.services.webhooks.wake());
    const urls = new Map((await ctx.store.find("Webhook")).map((w) => [w.id, w.url]));
    return {
      event: input.event_type,
      pipeline: { id: pipeline.id, name: pipeline.name },
      timestamp,
      deliveries: queued.map((d) => ({ id: d.id, webhook_id: d.webhook_id, url: urls.get(d.webhook_id) ?? "" })),
    };
  },
  reply: (o) => {
    if (o.deliveries.length === 0) {
      return `No active webhook receives ${o.event} for ${o.pipeline.name}; nothing was sent. Create one with "Create a webhook to https://… for ${o.event} on ${o.pipeline.name}".`;
    }
    const lines = o.deliveries.map((d) => `- ${d.url} (delivery ${d.id})`);
    return `Queued ${o.event} for ${o.pipeline.name} to ${o.deliveries.length} endpoint${o.deliveries.length === 1 ? "" : "s"}:\n${lines.join("\n")}`;
  },
});
