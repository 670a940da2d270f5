import type { Entities } from "../../entities/index.js";
import { authenticateApiKey, type ApiKeyRejection } from "../../mcp-server/http/auth.js";
import type { Core } from "../../tools/core.js";
import type { Actor } from "../../tools/define.js";
import { storeFor } from "../../tools/door.js";
import { HttpError } from "../http/errors.js";
import type { Principal } from "../types.js";
import { tokenHash, TOKEN_PREFIXES, type AccessTokens } from "./tokens.js";

const REALM = 'Bearer realm="flashfusion"';

function unauthorized(error: string, message: string, presented = true): HttpError {
  return new HttpError("UNAUTHORIZED", message, { error, headers: { "www-authenticate": presented ? `${REALM}, error="invalid_token"` : REALM } });
}

const API_KEY_REJECTIONS: Record<ApiKeyRejection, [string, string]> = {
  malformed: ["Invalid API key format", "API keys start with ffai_ followed by 36 letters and digits; check that the whole key was copied"],
  unknown: ["Invalid API key", "This API key is not known: it may be mistyped, or belong to a deleted workspace"],
  revoked: ["API key revoked", "This API key was revoked and no longer authenticates anything; create a new one"],
  expired: ["API key expired", "This API key has expired; create a new one"],
  creator_disabled: ["API key disabled", "The user who created this API key is disabled or gone, so the key no longer acts for anyone"],
};

export const actorOf = (u: Entities["User"]): Actor => ({ id: u.id, role: u.role, email: u.email, full_name: u.full_name });

/** The credential a request presents: `X-API-Key`, or `Authorization: Bearer …`. Never one in the URL. */
export function presentedCredential(headers: Headers): string | undefined {
  const key = headers.get("x-api-key")?.trim();
  if (key) return key;
  const authorization = headers.get("authorization")?.trim();
  if (!authorization) return undefined;
  const match = /^Bearer\s+(\S+)$/i.exec(authorization);
  if (!match) throw unauthorized("Unsupported authorization", "Send the credential as Authorization: Bearer <token> or X-API-Key: ffai_…", false);
  return match[1];
}

export interface Authenticator {
  /** Who presents these headers; an HttpError 401 when nobody, or not validly. */
  authenticate(headers: Headers): Promise<Principal>;
}

/**
 * Resolves every kind of credential to a Principal: an API key (`ffai_…`, through the MCP door's
 * own key authentication: verified in constant time, use counted), a widget token (`ffwt_…`), or
 * a user's access token (a JWT whose session is still open). Disabled users authenticate nothing.
 */
export function createAuthenticator(core: Core, tokens: AccessTokens): Authenticator {
  const now = () => core.clock.now().getTime();

  async function apiKey(key: string): Promise<Principal> {
    const result = await authenticateApiKey(core, key);
    if (!result.ok) {
      const [error, message] = API_KEY_REJECTIONS[result.reason];
      throw unauthorized(error, message);
    }
    const p = result.principal;
    return { kind: "api_key", workspaceId: p.workspaceId, actor: p.actor, apiKey: p.apiKey, credentialId: p.apiKey!.id };
  }

  async function widget(token: string): Promise<Principal> {
    const row = await core.db.kysely.selectFrom("widget_tokens").select(["id", "workspace_id"]).where("token_hash", "=", tokenHash(token)).executeTakeFirst();
    if (!row) throw unauthorized("Invalid widget token", "This widget token is not known; ask the host app for a new one");
    const store = storeFor(core, String(row.workspace_id));
    const found = await store.require("WidgetToken", String(row.id));
    if (found.revoked_at) throw unauthorized("Widget token revoked", "This widget token was revoked; ask the host app for a new one");
    if (Date.parse(found.expires_at) <= now()) throw unauthorized("Widget token expired", "This widget token has expired; ask the host app for a new one");
    const user = await store.get("User", found.user_id);
    if (!user || user.status === "disabled") throw unauthorized("User disabled", "The user this widget token was made for is disabled");
    return { kind: "widget", workspaceId: store.workspaceId, actor: actorOf(user), widget: { id: found.id, allowedOrigins: found.allowed_origins }, credentialId: found.id };
  }

  async function user(token: string): Promise<Principal> {
    const verified = await tokens.verify(token);
    if (!verified.ok) {
      throw verified.reason === "expired"
        ? unauthorized("Access token expired", "The access token has expired; get a new one from POST /api/v1/auth/refresh with your refresh token")
        : unauthorized("Invalid token", "The bearer token is not a valid FlashFusion credential (an access token, ffai_ API key or ffwt_ widget token)");
    }
    const { userId, workspaceId, sessionId } = verified.claims;
    const store = storeFor(core, workspaceId);
    const session = await store.get("AuthSession", sessionId);
    if (!session || session.revoked_at || Date.parse(session.expires_at) <= now() || session.user_id !== userId) {
      throw unauthorized("Session ended", "This sign-in session has ended (signed out or revoked); sign in again");
    }
    const found = await store.get("User", userId);
    if (!found || found.status !== "active") throw unauthorized("User disabled", "This user cannot sign in (disabled, or not yet active)");
    return { kind: "user", workspaceId, actor: actorOf(found), sessionId, credentialId: found.id };
  }

  return {
    async authenticate(headers) {
      const credential = presentedCredential(headers);
      if (!credential) {
        throw unauthorized("Authentication required", "Send an API key (X-API-Key: ffai_…) or a token (Authorization: Bearer …)", false);
      }
      if (credential.startsWith("ffai_")) return apiKey(credential);
      if (credential.startsWith(TOKEN_PREFIXES.widget)) return widget(credential);
      if (credential.startsWith(TOKEN_PREFIXES.refresh)) {
        throw unauthorized("Refresh token used as a credential", "A refresh token only buys new access tokens at POST /api/v1/auth/refresh; send the access token instead");
      }
      if (headers.get("x-api-key")) return apiKey(credential);
      return user(credential);
    },
  };
}
