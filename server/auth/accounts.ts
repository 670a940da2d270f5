import type { Entities } from "../../entities/index.js";
import { randomIds } from "../../entities/ids.js";
import { ensureWorkspace } from "../../entities/workspace.js";
import type { Core } from "../../tools/core.js";
import type { Role } from "../../tools/define.js";
import { storeFor } from "../../tools/door.js";
import { HttpError } from "../http/errors.js";
import type { RateLimiter } from "../limits/rate-limiter.js";
import type { PasswordCost } from "../types.js";
import { burnPasswordTime, hashPassword, verifyPassword } from "./passwords.js";
import { newOpaqueToken, tokenHash, type AccessTokens } from "./tokens.js";

type User = Entities["User"];

export interface AccountOptions {
  core: Core;
  tokens: AccessTokens;
  limiter: RateLimiter;
  passwordCost: PasswordCost;
  refreshTtlSeconds: number;
  invitationTtlSeconds: number;
}

export interface SignedIn {
  access_token: string;
  refresh_token: string;
  token_type: "bearer";
  expires_in: number;
  user: { id: string; email: string; full_name: string; role: Role; workspace_id: string };
}

/** Failed sign-ins allowed per account: 10 per 15 minutes, then it waits (a guessing brake; successes do not count). */
const SIGN_IN_POLICY = { capacity: 10, windowSeconds: 900 };

const WRONG = () => new HttpError("UNAUTHORIZED", "The email or the password is wrong", { error: "Invalid credentials" });

export const normalEmail = (email: string) => email.trim().toLowerCase();

/**
 * Users, passwords and sessions. Passwords are hashed with scrypt; a session is a refresh token
 * kept as its hash, rotated on every use (an old one presented again revokes the session: it
 * was copied); access tokens are short-lived JWTs naming the session, so signing out ends them.
 */
export function createAccounts(o: AccountOptions) {
  const { core } = o;
  const now = () => core.clock.now();
  const iso = (offsetSeconds = 0) => new Date(now().getTime() + offsetSeconds * 1000).toISOString();

  async function audit(workspaceId: string, actorId: string | null, action: string, status: string, details: Record<string, unknown> = {}, requestId?: string) {
    await storeFor(core, workspaceId).insert("AuditLog", { event_type: "auth", action, status, actor_id: actorId, entity_type: "User", entity_id: actorId, details, request_id: requestId ?? null });
  }

  async function openSession(user: User, userAgent: string | null): Promise<SignedIn> {
    const refresh = newOpaqueToken("refresh");
    const session = await storeFor(core, user.workspace_id).insert("AuthSession", {
      user_id: user.id,
      refresh_hash: tokenHash(refresh),
      expires_at: iso(o.refreshTtlSeconds),
      user_agent: userAgent?.slice(0, 200) ?? null,
    });
    return signedIn(user, session.id, refresh);
  }

  async function signedIn(user: User, sessionId: string, refresh: string): Promise<SignedIn> {
    const access = await o.tokens.issue({ userId: user.id, workspaceId: user.workspace_id, sessionId });
    return {
      access_token: access.token,
      refresh_token: refresh,
      token_type: "bearer",
      expires_in: access.expiresIn,
      user: { id: user.id, email: user.email, full_name: user.full_name, role: user.role, workspace_id: user.workspace_id },
    };
  }

  /** Users holding a password under this email, in every workspace (email is unique per workspace). */
  async function withPassword(email: string): Promise<User[]> {
    const rows = await core.db.kysely.selectFrom("users").select(["id", "workspace_id"]).where("email", "=", email).where("password_hash", "is not", null).execute();
    const users: User[] = [];
    for (const r of rows) {
      const u = await storeFor(core, String(r.workspace_id)).get("User", String(r.id));
      if (u) users.push(u);
    }
    return users;
  }

  return {
    /** A new workspace whose first user (its admin) is this person. */
    async register(input: { email: string; password: string; full_name: string; workspace_name?: string }, requestId?: string): Promise<User> {
      const email = normalEmail(input.email);
      if ((await withPassword(email)).length) {
        throw new HttpError("CONFLICT", `${email} is already registered; sign in at POST /api/v1/auth/login, or join another workspace by invitation`, { field: "email" });
      }
      const passwordHash = await hashPassword(input.password, o.passwordCost);
      const workspaceId = randomIds.next("ws");
      await ensureWorkspace(core.db.kysely, workspaceId, input.workspace_name ?? `${input.full_name}'s workspace`, now());
      const user = await storeFor(core, workspaceId).insert("User", { email, full_name: input.full_name, role: "admin", status: "active", password_hash: passwordHash });
      await audit(workspaceId, user.id, "register", "success", {}, requestId);
      return user;
    },

    async login(input: { email: string; password: string; workspace_id?: string }, userAgent: string | null, requestId?: string): Promise<SignedIn> {
      const email = normalEmail(input.email);
      const candidates = (await withPassword(email)).filter((u) => !input.workspace_id || u.workspace_id === input.workspace_id);
      if (!candidates.length) {
        await burnPasswordTime(input.password, o.passwordCost);
        throw WRONG();
      }
      const matching: User[] = [];
      for (const user of candidates) {
        const brakeKey = `sign-in:${user.id}`;
        const brake = await o.limiter.peek(user.workspace_id, brakeKey, SIGN_IN_POLICY);
        if (!brake.allowed) {
          await audit(user.workspace_id, user.id, "login", "throttled", {}, requestId);
          throw new HttpError("RATE_LIMITED", `Too many sign-in attempts for this account; try again in ${brake.retryAfterSeconds} s`, {
            error: "Too many attempts",
            headers: { "retry-after": String(brake.retryAfterSeconds) },
          });
        }
        if (user.password_hash && (await verifyPassword(input.password, user.password_hash))) {
          matching.push(user);
        } else {
          await o.limiter.take(user.workspace_id, brakeKey, SIGN_IN_POLICY);
          await audit(user.workspace_id, user.id, "login", "failed", { reason: "wrong password" }, requestId);
        }
      }
      if (!matching.length) throw WRONG();
      if (matching.length > 1) {
        throw new HttpError("VALIDATION", "This account is in several workspaces; say which with workspace_id", { field: "workspace_id", allowed: matching.map((u) => u.workspace_id) });
      }
      const user = matching[0]!;
      if (user.status !== "active") throw new HttpError("UNAUTHORIZED", `This user is ${user.status} and cannot sign in`, { error: "User not active" });
      await storeFor(core, user.workspace_id).update("User", user.id, { last_login_at: now().toISOString() });
      await audit(user.workspace_id, user.id, "login", "success", {}, requestId);
      return openSession(user, userAgent);
    },

    /** A new access token and a new refresh token for a valid refresh token; the old one stops working. */
    async refresh(refreshToken: string, requestId?: string): Promise<SignedIn> {
      const hash = tokenHash(refreshToken);
      const found = await core.db.kysely.selectFrom("auth_sessions").select(["id", "workspace_id"]).where("refresh_hash", "=", hash).executeTakeFirst();
      if (!found) {
        const reused = await core.db.kysely.selectFrom("auth_sessions").select(["id", "workspace_id", "user_id"]).where("previous_hash", "=", hash).executeTakeFirst();
        if (reused) {
          const store = storeFor(core, String(reused.workspace_id));
          await store.update("AuthSession", String(reused.id), { revoked_at: now().toISOString(), revoked_reason: "a replaced refresh token was presented again" }, { revoked_at: null });
          await audit(store.workspaceId, String(reused.user_id), "refresh", "reuse_detected", { session_id: reused.id }, requestId);
        }
        throw new HttpError("UNAUTHORIZED", "This refresh token is not valid (already used, signed out, or unknown); sign in again", { error: "Invalid refresh token" });
      }
      const store = storeFor(core, String(found.workspace_id));
      const session = await store.require("AuthSession", String(found.id));
      if (session.revoked_at || Date.parse(session.expires_at) <= now().getTime()) {
        throw new HttpError("UNAUTHORIZED", "This session has ended; sign in again", { error: "Session ended" });
      }
      const user = await store.get("User", session.user_id);
      if (!user || user.status !== "active") throw new HttpError("UNAUTHORIZED", "This user cannot sign in", { error: "User not active" });
      const next = newOpaqueToken("refresh");
      // Compare-and-set: of two refreshes with the same token, one wins; the other is refused.
      const rotated = await store.update("AuthSession", session.id, { refresh_hash: tokenHash(next), previous_hash: hash, last_used_at: now().toISOString() }, { refresh_hash: hash, revoked_at: null });
      if (!rotated) throw new HttpError("UNAUTHORIZED", "This refresh token was just used; sign in again", { error: "Invalid refresh token" });
      return signedIn(user, session.id, next);
    },

    async logout(workspaceId: string, sessionId: string, actorId: string, requestId?: string): Promise<void> {
      await storeFor(core, workspaceId).update("AuthSession", sessionId, { revoked_at: now().toISOString(), revoked_reason: "signed out" }, { revoked_at: null });
      await audit(workspaceId, actorId, "logout", "success", { session_id: sessionId }, requestId);
    },

    /** An admin invites someone into the workspace: a User (invited) and a token shown once. */
    async invite(workspaceId: string, by: { id: string; role: Role }, input: { email: string; role: Role; full_name?: string }, requestId?: string) {
      if (by.role !== "admin") throw new HttpError("FORBIDDEN", "Only admins invite people into the workspace");
      const store = storeFor(core, workspaceId);
      const email = normalEmail(input.email);
      let user = await store.findOne("User", { email });
      if (user && user.status === "active" && user.password_hash) throw new HttpError("CONFLICT", `${email} is already a member of this workspace`, { field: "email" });
      user ??= await store.insert("User", { email, full_name: input.full_name ?? "", role: input.role, status: "invited" });
      const token = newOpaqueToken("invitation");
      const invitation = await store.insert("Invitation", { email, role: input.role, token_hash: tokenHash(token), invited_by: by.id, user_id: user.id, expires_at: iso(o.invitationTtlSeconds) });
      await audit(workspaceId, by.id, "invite", "success", { email, role: input.role, invitation_id: invitation.id }, requestId);
      return { id: invitation.id, email, role: input.role, user_id: user.id, token, expires_at: invitation.expires_at };
    },

    /** The invited person sets a password and is signed in. */
    async accept(input: { token: string; password: string; full_name?: string }, userAgent: string | null, requestId?: string): Promise<SignedIn> {
      const found = await core.db.kysely.selectFrom("invitations").select(["id", "workspace_id"]).where("token_hash", "=", tokenHash(input.token)).executeTakeFirst();
      const invalid = new HttpError("UNAUTHORIZED", "This invitation is not valid (unknown, used or expired); ask for a new one", { error: "Invalid invitation" });
      if (!found) throw invalid;
      const store = storeFor(core, String(found.workspace_id));
      const invitation = await store.require("Invitation", String(found.id));
      if (invitation.accepted_at || Date.parse(invitation.expires_at) <= now().getTime() || !invitation.user_id) throw invalid;
      const passwordHash = await hashPassword(input.password, o.passwordCost);
      const user = await core.db.kysely.transaction().execute(async (trx) => {
        const s = store.with(trx);
        if (!(await s.update("Invitation", invitation.id, { accepted_at: now().toISOString() }, { accepted_at: null }))) throw invalid;
        const updated = await s.update("User", invitation.user_id!, {
          status: "active",
          role: invitation.role,
          password_hash: passwordHash,
          ...(input.full_name ? { full_name: input.full_name } : {}),
        });
        if (!updated) throw invalid;
        return updated;
      });
      await audit(store.workspaceId, user.id, "accept_invitation", "success", { invitation_id: invitation.id }, requestId);
      return openSession(user, userAgent);
    },
  };
}

export type Accounts = ReturnType<typeof createAccounts>;
