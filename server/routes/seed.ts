import { z } from "zod";
import { API_KEY_PERMISSIONS } from "../../entities/catalog/security.js";
import { WEBHOOK_EVENTS } from "../../entities/index.js";
import { ConfigView } from "../../tools/cicd/pipelines/config-view.js";
import { RunView } from "../../tools/cicd/runs/run-view.js";
import type { ServerContext } from "../context.js";
import type { Routes } from "../openapi/route.js";
import { ApprovalPending, approvalPending, callAs, callDone } from "./tool-call.js";

const id = (what: string) => z.string().trim().min(1, `${what} may not be empty`).max(200);

const TriggerBody = z.object({
  pipeline_id: id("pipeline_id").describe("the pipeline to run (its id, such as pl_web, or its name)"),
  branch: z.string().trim().min(1).max(255).optional().describe("the git branch to build; default the pipeline's own"),
});

const TriggerAnswer = z.object({
  success: z.literal(true),
  run_id: z.string(),
  status: z.enum(["running", "failed"]).describe("running: the run was handed to the runner; failed: the runner is turned off here"),
  workflow_id: z.string().describe("the pipeline's id"),
  number: z.number().int().describe("the build number (#57)"),
});

const CreateKeyBody = z.object({
  name: z.string().trim().min(1).max(100),
  permissions: z.array(z.enum(API_KEY_PERMISSIONS)).min(1),
  pipeline_ids: z.array(id("a pipeline id")).max(100).optional().describe("only these pipelines; every pipeline when left out"),
  expires_in_days: z.number().int().min(1).max(3650).optional().describe("never expires when left out"),
});

const CreatedKey = z.object({
  success: z.literal(true),
  id: z.string(),
  name: z.string(),
  plaintext_key: z.string().describe("the key itself, shown only in this answer: store it now"),
  key_preview: z.string(),
  permissions: z.array(z.enum(API_KEY_PERMISSIONS)),
  pipeline_ids: z.array(z.string()),
  expires_at: z.string().nullable(),
});

const SendWebhookBody = z.object({
  event_type: z.enum(WEBHOOK_EVENTS),
  pipeline_id: id("pipeline_id"),
  payload: z.record(z.string(), z.unknown()).optional().describe("the event's data"),
});

const SentWebhook = z.object({
  success: z.literal(true),
  event: z.string(),
  pipeline_id: z.string(),
  timestamp: z.string(),
  deliveries: z.array(z.object({ id: z.string(), webhook_id: z.string(), url: z.string() })),
});

/** The CI/CD API of seeds 000/001, path for path, each mapped onto its tool. */
export function registerSeedRoutes(routes: Routes, ctx: ServerContext): void {
  routes.add(
    {
      method: "post",
      path: "/api/trigger-pipeline",
      operationId: "triggerPipeline",
      summary: "Trigger a pipeline run",
      description: "Starts a new run of the pipeline. A run deploying to a protected environment waits for an admin's approval (202).",
      tag: "CI/CD",
      auth: ["api_key", "user"],
      permission: "trigger_pipeline",
      body: TriggerBody,
      responses: {
        200: { description: "The run was started", schema: TriggerAnswer },
        202: { description: "The run waits for approval; nothing has run yet", schema: ApprovalPending },
      },
      errors: [400, 403, 404, 409],
    },
    async (c, { body }) => {
      const outcome = await callAs(ctx, c, "trigger_pipeline", { pipeline_id: body.pipeline_id, ...(body.branch ? { branch: body.branch } : {}) });
      if (outcome.status === "approval_required") return approvalPending(c, outcome.approval);
      const o = outcome.output as { run_id: string; status: string; workflow_id: string; number: number };
      return c.json({ success: true as const, run_id: o.run_id, status: o.status === "failed" ? ("failed" as const) : ("running" as const), workflow_id: o.workflow_id, number: o.number });
    },
  );

  routes.add(
    {
      method: "get",
      path: "/api/get-status",
      operationId: "getStatus",
      summary: "Get a pipeline run's status",
      tag: "CI/CD",
      auth: ["api_key", "user"],
      permission: "read_runs",
      query: z.object({ run_id: id("run_id").describe("the run's id (run_…)") }),
      responses: { 200: { description: "The run", schema: z.object({ success: z.literal(true), run: RunView }) } },
      errors: [400, 403, 404],
    },
    async (c, { query }) => {
      const { output } = await callDone(ctx, c, "get_status", { run_id: query.run_id });
      return c.json({ success: true as const, run: (output as { run: unknown }).run });
    },
  );

  routes.add(
    {
      method: "get",
      path: "/api/get-config",
      operationId: "getConfig",
      summary: "Get a pipeline's configuration",
      tag: "CI/CD",
      auth: ["api_key", "user"],
      permission: "read_config",
      query: z.object({ pipeline_id: id("pipeline_id").describe("the pipeline's id (pl_…) or name") }),
      responses: { 200: { description: "The configuration", schema: z.object({ success: z.literal(true), config: ConfigView }) } },
      errors: [400, 403, 404],
    },
    async (c, { query }) => {
      const { output } = await callDone(ctx, c, "get_config", { pipeline: query.pipeline_id });
      return c.json({ success: true as const, config: (output as { config: unknown }).config });
    },
  );

  routes.add(
    {
      method: "post",
      path: "/functions/createAPIKey",
      operationId: "createAPIKey",
      summary: "Create an API key",
      description: "With a user's access token (not an API key): admins only. The key is answered once; only its SHA-256 hash is kept.",
      tag: "CI/CD",
      auth: ["user"],
      body: CreateKeyBody,
      responses: { 200: { description: "The new key, shown this once", schema: CreatedKey } },
      errors: [400, 403, 404, 409],
    },
    async (c, { body }) => {
      const outcome = await callDone(ctx, c, "create_api_key", {
        name: body.name,
        permissions: body.permissions,
        ...(body.pipeline_ids?.length ? { pipelines: body.pipeline_ids } : {}),
        ...(body.expires_in_days ? { expires_in_days: body.expires_in_days } : {}),
      });
      const view = (o: Record<string, unknown>) => ({
        success: true as const,
        id: o.id as string,
        name: o.name as string,
        plaintext_key: o.plaintext_key as string,
        key_preview: o.key_preview as string,
        permissions: o.permissions as string[],
        pipeline_ids: o.pipeline_ids as string[],
        expires_at: o.expires_at as string | null,
      });
      // A replay (same Idempotency-Key) answers the key's description, never the key again.
      c.set("replayBody", view(outcome.safeOutput as Record<string, unknown>));
      return c.json(view(outcome.output as Record<string, unknown>));
    },
  );

  routes.add(
    {
      method: "post",
      path: "/functions/sendWebhook",
      operationId: "sendWebhook",
      summary: "Send a webhook notification",
      description: "Queues the event for every active webhook subscribed to it; deliveries are signed and retried.",
      tag: "CI/CD",
      auth: ["api_key", "user"],
      permission: "webhook",
      body: SendWebhookBody,
      responses: { 200: { description: "The deliveries queued", schema: SentWebhook } },
      errors: [400, 403, 404],
    },
    async (c, { body }) => {
      const outcome = await callDone(ctx, c, "send_webhook", { event_type: body.event_type, pipeline_id: body.pipeline_id, ...(body.payload ? { payload: body.payload } : {}) });
      const o = outcome.output as { event: string; pipeline: { id: string }; timestamp: string; deliveries: { id: string; webhook_id: string; url: string }[] };
      return c.json({ success: true as const, event: o.event, pipeline_id: o.pipeline.id, timestamp: o.timestamp, deliveries: o.deliveries });
    },
  );
}
