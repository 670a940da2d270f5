import { z } from "zod";
import { defineEntity } from "../define.js";
import { f } from "../fields.js";

/**
 * A signed-in session of a User: the refresh token (only its SHA-256 kept) that mints short-lived
 * access tokens. Each refresh replaces the token; presenting a replaced one again means it was
 * stolen, and the whole session is revoked.
 */
export const AuthSession = defineEntity({
  name: "AuthSession",
  table: "auth_sessions",
  prefix: "auth",
  fields: {
    user_id: f.text(),
    refresh_hash: f.text(),
    /** The token this one replaced, to recognise a replayed old token. */
    previous_hash: f.textOrNull(),
    expires_at: f.time(),
    revoked_at: f.timeOrNull(),
    revoked_reason: f.textOrNull(),
    last_used_at: f.timeOrNull(),
    user_agent: f.textOrNull(),
  },
  unique: [["refresh_hash"]],
  indexes: [["user_id"]],
  // Presented tokens are looked up by hash before their workspace is known.
  globalIndexes: [["refresh_hash"], ["previous_hash"]],
});

/** An invitation to join a workspace: the token (shown once) is kept as its SHA-256. */
export const Invitation = defineEntity({
  name: "Invitation",
  table: "invitations",
  prefix: "inv",
  fields: {
    email: f.text(),
    role: f.enum(["admin", "member", "customer"], "member"),
    token_hash: f.text(),
    invited_by: f.textOrNull(),
    user_id: f.textOrNull(),
    expires_at: f.time(),
    accepted_at: f.timeOrNull(),
  },
  unique: [["token_hash"]],
  indexes: [["email"]],
  globalIndexes: [["token_hash"]],
});

/**
 * A token a host app's backend mints for one end user of its embedded chat widget: good for the
 * chat endpoints only, from the listed browser origins, until it expires. Only its hash is kept.
 */
export const WidgetToken = defineEntity({
  name: "WidgetToken",
  table: "widget_tokens",
  prefix: "wtk",
  fields: {
    token_hash: f.text(),
    user_id: f.text(),
    allowed_origins: f.json(z.array(z.string()), () => []),
    /** The API key whose holder minted it. */
    api_key_id: f.textOrNull(),
    expires_at: f.time(),
    revoked_at: f.timeOrNull(),
  },
  unique: [["token_hash"]],
  globalIndexes: [["token_hash"]],
});

/**
 * A token bucket of the rate limiter, kept in the database so every server shares it. `tokens`
 * is what was left at `refilled_ms` (epoch milliseconds); the refill is computed on each take.
 */
export const RateLimitBucket = defineEntity({
  name: "RateLimitBucket",
  table: "rate_limit_buckets",
  prefix: "rlb",
  fields: {
    key: f.text(),
    tokens: f.real(0),
    refilled_ms: f.real(0),
  },
  unique: [["key"]],
});
