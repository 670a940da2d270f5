import type { Core } from "../../tools/core.js";
import { verifyApiKey } from "../../tools/cicd/index.js";
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

/**
 * A ready `Authenticate` on the tool door's database: the key is verified (hash lookup, constant
 * time, not revoked or expired, its use counted) and acts as the user who created it, with that
 * user's role and the key's permissions and pipeline scope. A key whose creator is gone or
 * disabled does not authenticate.
 */
export function apiKeyAuthenticator(core: Core): Authenticate {
  return async (apiKey) => {
    const verified = await verifyApiKey(core.db, apiKey);
    if (!verified.ok) return null;
    const { key } = verified;
    const store = storeFor(core, key.workspace_id);
    const row = await store.get("APIKey", key.id);
    const user = row?.created_by ? await store.get("User", row.created_by) : undefined;
    if (!user || user.status === "disabled") return null;
    return {
      workspaceId: key.workspace_id,
      actor: { id: user.id, role: user.role, email: user.email, full_name: user.full_name },
      apiKey: { id: key.id, permissions: key.permissions, pipeline_ids: key.pipeline_ids },
    };
  };
}
