import type { Context } from "hono";
import type { Runtime } from "../graph/types.js";
import type { Core } from "../tools/core.js";
import { storeFor, type Caller } from "../tools/door.js";
import type { Authenticator } from "./auth/credentials.js";
import type { AccessTokens } from "./auth/tokens.js";
import type { RateLimiter } from "./limits/rate-limiter.js";
import type { AppEnv, ServerOptions } from "./types.js";

/** What every route module is given: the runtime and the server's own collaborators. */
export interface ServerContext {
  runtime: Runtime;
  core: Core;
  options: ServerOptions;
  tokens: AccessTokens;
  authenticator: Authenticator;
  rateLimiter: RateLimiter;
  /** Wall-clock milliseconds (rate limits, idempotency expiry). */
  now: () => number;
}

/** The tool door's caller for this request: its principal, request id and idempotency key. */
export function callerOf(c: Context<AppEnv>): Caller {
  const p = c.get("principal");
  const idempotency = c.get("idempotency");
  return {
    workspaceId: p.workspaceId,
    actor: p.actor,
    ...(p.apiKey ? { apiKey: p.apiKey } : {}),
    requestId: c.get("requestId"),
    ...(idempotency ? { idempotencyKey: idempotency.key, idempotencyExpiresAt: idempotency.expiresAt } : {}),
  };
}

/**
 * Records a use of an API key on an endpoint that does not go through the tool door (whose own
 * audit row names the key): every use of a key is in the audit log. The row trails the request
 * as a read's does (entities/write-behind.ts).
 */
export async function auditKeyUse(ctx: Pick<ServerContext, "core">, c: Context<AppEnv>, action: string, details: Record<string, unknown> = {}): Promise<void> {
  const p = c.get("principal");
  if (p.kind !== "api_key") return;
  const { written } = await storeFor(ctx.core, p.workspaceId).append("AuditLog", {
    event_type: "api_key_use",
    action,
    status: "success",
    actor_id: p.actor.id,
    details: { api_key_id: p.apiKey!.id, ...details },
    request_id: c.get("requestId"),
  });
  ctx.core.services.background.track("audit", written);
}
