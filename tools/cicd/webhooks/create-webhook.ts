import { z } from "zod";
import { defineTool } from "../../define.js";
import { ToolError } from "../../errors.js";
import { newEndpointSecret } from "./endpoint-secret.js";
import { hint } from "./hint.js";
import { pipelineFields, pipelineOf } from "./resolve-pipeline.js";
import { EVENT_ALIASES, subscription, viewWebhooks, WebhookEventName, WebhookView } from "./webhook-view.js";

export const createWebhook = defineTool({
  name: "create_webhook",
  title: "Create a webhook",
  description:
    "Register an https:// endpoint that receives signed POSTs for pipeline events (run.started, run.completed, run.failed, optimization.available, deployment.success), optionally only for one pipeline (name or id). Answers the endpoint's signing secret (whsec_…) once.",
  domain: "cicd",
  input: z.object({
    url: z.url().meta(
      hint({ description: "the https:// URL that receives the events", extract: "url", cues: ["to", "at", "url", "endpoint", "posting to"] }),
    ),
    events: z
      .array(WebhookEventName)
      .min(1)
      .meta(
        hint({
          description: "the events to send: run.started, run.completed, run.failed, optimization.available, deployment.success",
          extract: "enum_list",
          cues: ["for", "on", "events", "when"],
          aliases: EVENT_ALIASES,
        }),
      ),
    ...pipelineFields("only events of this pipeline; every pipeline when left out", ["on", "on pipeline", "for pipeline", "pipeline", "of"]),
  }),
  output: WebhookView.extend({
    signing_secret: z
      .string()
      .meta({ description: "the endpoint's signing secret, shown only in this answer", secret: true }),
  }),
  effect: "write",
  reads: ["PipelineConfig"],
  writes: ["Webhook"],
  openWorld: true,
  examples: [
    "Create a webhook to https://hooks.example.com/ci for run.failed events on webapp-pipeline",
    "Add a webhook https://ops.acme.io/flashfusion for run.started and run.completed",
    "Send deployment.success events on api-pipeline to https://hooks.slack.com/services/T000/B000/XXXX",
    "Register webhook endpoint https://ci.example.org/hooks for run.failed and optimization.available",
    "Notify https://alerts.example.com/pipelines when a run fails on webapp-pipeline",
    "Set up a webhook at https://hooks.example.com/deploys for deployment.success on pl_web",
  ],
  keywords: ["webhook", "webhooks", "endpoint", "notify", "callback", "subscribe", "events", "hook", "register"],
  pipelineOf: async (input, ctx) => (await pipelineOf(ctx.store, input))?.id,
  run: async (input, ctx) => {
    const url = new URL(input.url);
    const problem = ctx.services.webhooks.endpointProblem(url);
    if (problem) throw new ToolError("VALIDATION", `Webhooks cannot go to ${input.url}: ${problem}`, { field: "url" });
    const pipeline = await pipelineOf(ctx.store, input);
    const existing = await ctx.store.findOne("Webhook", { url: url.href, pipeline_id: pipeline?.id ?? null, active: true });
    if (existing) {
      throw new ToolError(
        "CONFLICT",
        `A webhook to ${url.href} for ${pipeline ? pipeline.name : "every pipeline"} already exists (${existing.id}, events ${existing.events.join(", ")}); delete it first to change its events`,
        { webhook_id: existing.id },
      );
    }
    const signing_secret = newEndpointSecret();
    const webhook = await ctx.store.insert("Webhook", {
      url: url.href,
      events: [...new Set(input.events)],
      pipeline_id: pipeline?.id ?? null,
      active: true,
      secret: signing_secret,
    });
    const [view] = await viewWebhooks(ctx.store, [webhook]);
    return { ...view!, signing_secret };
  },
  reply: (w) =>
    [
      `Created webhook ${w.id}: ${w.url} receives ${subscription(w)}.`,
      `Signing secret (shown only now; keep it somewhere safe): ${w.signing_secret}`,
      "Each delivery carries Standard Webhooks headers (webhook-id, webhook-timestamp, webhook-signature) and X-FlashFusion-Signature, the hex HMAC-SHA256 of the raw body keyed with this secret.",
    ].join("\n"),
});
