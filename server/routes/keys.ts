import { z } from "zod";
import { KEY_STATES, KeyView } from "../../tools/cicd/keys/key-view.js";
import type { ServerContext } from "../context.js";
import type { Routes } from "../openapi/route.js";
import { ApprovalPending, approvalPending, callAs, callDone } from "./tool-call.js";

/** The workspace's API keys for a signed-in admin: list and revoke (creation is /functions/createAPIKey). */
export function registerKeyRoutes(routes: Routes, ctx: ServerContext): void {
  routes.add(
    {
      method: "get",
      path: "/api/v1/keys",
      operationId: "listKeys",
      summary: "List API keys",
      description: "Previews, permissions, scope, state and usage; never a key or its hash. Revoked keys only with state=revoked.",
      tag: "API keys",
      auth: ["user"],
      query: z.object({ state: z.enum(KEY_STATES).optional() }),
      responses: { 200: { description: "The keys", schema: z.object({ keys: z.array(KeyView) }) } },
      errors: [400, 403],
    },
    async (c, { query }) => c.json((await callDone(ctx, c, "list_api_keys", query.state ? { state: query.state } : {})).output as { keys: KeyView[] }),
  );

  routes.add(
    {
      method: "delete",
      path: "/api/v1/keys/{id}",
      operationId: "revokeKey",
      summary: "Revoke an API key",
      description: "Revoking is destructive: it waits for approval (202) and runs once approved at POST /api/v1/approvals/{approval_id}.",
      tag: "API keys",
      auth: ["user"],
      params: z.object({ id: z.string().regex(/^key_\w+$/, "must be a key id (key_…)") }),
      responses: { 202: { description: "The revocation waits for approval", schema: ApprovalPending } },
      errors: [403, 404, 409],
    },
    async (c, { params }) => {
      const outcome = await callAs(ctx, c, "revoke_api_key", { key: params.id });
      if (outcome.status === "approval_required") return approvalPending(c, outcome.approval);
      return c.json(outcome.safeOutput as KeyView);
    },
  );
}
