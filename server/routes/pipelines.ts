import { z } from "zod";
import { createPipeline } from "../../tools/cicd/pipelines/create-pipeline.js";
import { createWebhook } from "../../tools/cicd/webhooks/create-webhook.js";
import type { ServerContext } from "../context.js";
import type { Routes } from "../openapi/route.js";
import { ApprovalPending, approvalPending, callAs, callDone } from "./tool-call.js";

/**
 * Creating and deleting pipelines and webhooks, through their tools (listing them is the entity
 * API's `GET /api/v1/pipelines` and `GET /api/v1/webhooks`). Deleting waits for approval (202).
 */
export function registerPipelineRoutes(routes: Routes, ctx: ServerContext): void {
  routes.add(
    {
      method: "post",
      path: "/api/v1/pipelines",
      operationId: "createPipeline",
      summary: "Create a pipeline",
      description: "Only admins may set the commands of a local pipeline.",
      tag: "CI/CD",
      auth: ["user", "api_key"],
      body: createPipeline.input,
      responses: { 201: { description: "The new pipeline's configuration", schema: createPipeline.output } },
      errors: [400, 403, 409],
    },
    async (c, { body }) => c.json((await callDone(ctx, c, "create_pipeline", body)).output as object, 201),
  );

  routes.add(
    {
      method: "delete",
      path: "/api/v1/pipelines/{id}",
      operationId: "deletePipeline",
      summary: "Delete a pipeline (waits for approval)",
      description: "Its past runs stay as history; webhooks limited to it are turned off. Refused (409) while a build of it runs.",
      tag: "CI/CD",
      auth: ["user", "api_key"],
      params: z.object({ id: z.string().min(1).max(200) }),
      responses: { 202: { description: "The deletion waits for approval", schema: ApprovalPending } },
      errors: [403, 404, 409],
    },
    async (c, { params }) => {
      const outcome = await callAs(ctx, c, "delete_pipeline", { pipeline: params.id });
      if (outcome.status === "approval_required") return approvalPending(c, outcome.approval);
      return c.json(outcome.output as object);
    },
  );

  routes.add(
    {
      method: "post",
      path: "/api/v1/webhooks",
      operationId: "createWebhook",
      summary: "Create a webhook",
      description: "The answer carries the endpoint's signing secret, shown this once.",
      tag: "CI/CD",
      auth: ["user", "api_key"],
      permission: "webhook",
      body: createWebhook.input,
      responses: { 201: { description: "The webhook, with its signing secret", schema: createWebhook.output } },
      errors: [400, 403, 404, 409],
    },
    async (c, { body }) => {
      const outcome = await callDone(ctx, c, "create_webhook", body);
      c.set("replayBody", outcome.safeOutput);
      return c.json(outcome.output as object, 201);
    },
  );

  routes.add(
    {
      method: "delete",
      path: "/api/v1/webhooks/{id}",
      operationId: "deleteWebhook",
      summary: "Delete a webhook (waits for approval)",
      tag: "CI/CD",
      auth: ["user", "api_key"],
      permission: "webhook",
      params: z.object({ id: z.string().regex(/^wh_\w+$/, "must be a webhook id (wh_…)") }),
      responses: { 202: { description: "The deletion waits for approval", schema: ApprovalPending } },
      errors: [403, 404],
    },
    async (c, { params }) => {
      const outcome = await callAs(ctx, c, "delete_webhook", { webhook: params.id });
      if (outcome.status === "approval_required") return approvalPending(c, outcome.approval);
      return c.json(outcome.output as object);
    },
  );
}
