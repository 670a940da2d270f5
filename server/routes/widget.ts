import { z } from "zod";
import { storeFor } from "../../tools/door.js";
import { normalEmail } from "../auth/accounts.js";
import { newOpaqueToken, tokenHash } from "../auth/tokens.js";
import type { ServerContext } from "../context.js";
import { HttpError } from "../http/errors.js";
import type { Routes } from "../openapi/route.js";

/** `https://app.example.com` or `http://localhost:5173`: a scheme, a host, maybe a port; nothing else. */
const Origin = z
  .string()
  .max(255)
  .refine((o) => {
    try {
      const u = new URL(o);
      return (u.protocol === "https:" || u.protocol === "http:") && u.origin === o;
    } catch {
      return false;
    }
  }, "must be a browser origin such as https://app.example.com (scheme, host and port only, no trailing slash)");

const TokenBody = z.object({
  user: z.object({ email: z.string().trim().max(254).pipe(z.email({ message: "must be an email address" })), full_name: z.string().trim().max(200).optional() }),
  allowed_origins: z.array(Origin).min(1).max(20),
  ttl_seconds: z.number().int().min(60).max(86_400).default(3600),
});

const Minted = z.object({ token: z.string(), expires_at: z.string(), user_id: z.string(), allowed_origins: z.array(z.string()) });

/**
 * Widget tokens (docs/chat-api.md): the host app's backend mints one with its API key for one end
 * user, good for the chat endpoints only, from the listed origins, until it expires. The end user
 * is the workspace's User with that email — a customer, created when new; a token never speaks
 * for an admin or a member. Only the token's hash is kept.
 */
export function registerWidgetRoutes(routes: Routes, ctx: ServerContext): void {
  routes.add(
    {
      method: "post",
      path: "/api/v1/widget/token",
      operationId: "mintWidgetToken",
      summary: "Mint a widget token for one end user (from your backend)",
      tag: "Chat",
      auth: ["api_key"],
      permission: "chat",
      body: TokenBody,
      responses: { 201: { description: "The token, shown once", schema: Minted } },
      errors: [400, 403],
    },
    async (c, { body }) => {
      const p = c.get("principal");
      const store = storeFor(ctx.core, p.workspaceId);
      const email = normalEmail(body.user.email);
      const existing = await store.findOne("User", { email });
      if (existing && existing.role !== "customer") {
        throw new HttpError("FORBIDDEN", `${email} is a ${existing.role} of this workspace; widget tokens speak only for end users (customers)`, { field: "user.email" });
      }
      if (existing?.status === "disabled") throw new HttpError("FORBIDDEN", `${email} is disabled`, { field: "user.email" });
      const user = existing ?? (await store.insert("User", { email, full_name: body.user.full_name ?? "", role: "customer", status: "active" }));
      const token = newOpaqueToken("widget");
      const expiresAt = new Date(ctx.core.clock.now().getTime() + body.ttl_seconds * 1000).toISOString();
      const origins = [...new Set(body.allowed_origins)];
      const row = await store.insert("WidgetToken", { token_hash: tokenHash(token), user_id: user.id, allowed_origins: origins, api_key_id: p.apiKey?.id ?? null, expires_at: expiresAt });
      await store.insert("AuditLog", {
        event_type: "auth",
        action: "mint_widget_token",
        status: "success",
        actor_id: p.actor.id,
        entity_type: "WidgetToken",
        entity_id: row.id,
        details: { user_id: user.id, allowed_origins: origins, api_key_id: p.apiKey?.id ?? null },
        request_id: c.get("requestId"),
      });
      const answer = { expires_at: expiresAt, user_id: user.id, allowed_origins: origins };
      c.set("replayBody", { ...answer, token: null });
      return c.json({ token, ...answer }, 201);
    },
  );
}
