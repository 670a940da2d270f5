import type { Core } from "../../tools/core.js";
import { verifyApiKey, type KeyRejection } from "../../tools/cicd/index.js";
import { storeFor } from "../../tools/door.js";
import type { McpPrincipal } from "../principal.js";

/** Decides who presents a key: a principal, or null for a key that is unknown, revoked or expired. */
export type Authenticate = (apiKey: string, request: Request) => Promise<McpPrincipal | null>;

/** The key from `X-API-Key`, or from `Authorization: Bearer ffai_…`. */
export function presentedKey(request: Request): string | undefined {
  const header = request.headers.get("x-api-key")?.trim();
  if (header) return header;
  const match = /^Bearer\s+(ffai_\S+)\s*$/i.exec(request.headers.get("authorization") ?? "");
  return match?.[1];
}

/** Why a key does not authenticate: the key's own state, or its creator's. */
export type ApiKeyRejection = KeyRejection | "creator_disabled";

/**
 * The key verified (hash lookup, constant time, not revoked or expired, its use counted), acting
 * as the user who created it, with that user's role and the key's permissions and pipeline
 * scope. A key whose creator is gone or disabled does not authenticate.
 */
export async function authenticateApiKey(core: Core, apiKey: string): Promise<{ ok: true; principal: McpPrincipal } | { ok: false; reason: ApiKeyRejection }> {
  const verified = await verifyApiKey(core.db, apiKey, { clock: core.clock });
  if (!verified.ok) return verified;
  const { key } = verified;
  const user = key.created_by ? await storeFor(core, key.workspace_id).get("User", key.created_by) : undefined;
  if (!user || user.status === "disabled") return { ok: false, reason: "creator_disabled" };
  return {
    ok: true,
    principal: {
      workspaceId: key.workspace_id,
      actor: { id: user.id, role: user.role, email: user.email, full_name: user.full_name },
      apiKey: { id: key.id, permissions: key.permissions, pipeline_ids: key.pipeline_ids },
    },
  };
}

/** A ready `Authenticate` on the tool door's database (see `authenticateApiKey`). */
export function apiKeyAuthenticator(core: Core): Authenticate {
  return async (apiKey) => {
    const result = await authenticateApiKey(core, apiKey);
    return result.ok ? result.principal : null;
  };
}
