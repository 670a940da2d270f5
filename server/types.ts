import type { ApiKeyPermission } from "../entities/index.js";
import type { Runtime } from "../graph/types.js";
import type { Actor } from "../tools/define.js";
import type { Caller } from "../tools/door.js";
import type { RateLimiter } from "./limits/rate-limiter.js";

/** What a credential is: a user's access token, an API key, or a widget token. */
export type CredentialKind = "user" | "api_key" | "widget";

/** Who sends a request, once its credential is checked. */
export interface Principal {
  kind: CredentialKind;
  workspaceId: string;
  /** The User the request acts as (an API key acts as the user who created it). */
  actor: Actor;
  apiKey?: NonNullable<Caller["apiKey"]>;
  /** A user's sign-in session. */
  sessionId?: string;
  widget?: { id: string; allowedOrigins: readonly string[] };
  /** The credential's own id: its rate-limit bucket and idempotency scope. */
  credentialId: string;
}

/** Hono's typed context variables (STYLE.md: no string-keyed context). */
export interface AppEnv {
  Variables: {
    requestId: string;
    principal: Principal;
    /** The raw request body, read once (size-limited) for validation and idempotency. */
    rawBody: string;
    /** The Idempotency-Key of this request, scoped to its credential, and its expiry, for the tool door. */
    idempotency: { key: string; expiresAt: string } | undefined;
    /** The route's query, path parameters and body, validated against its schemas. */
    input: { query: unknown; params: unknown; body: unknown };
    /** What an idempotent replay answers instead of the body sent (values shown once removed). */
    replayBody: unknown;
  };
}

export interface RateLimitConfig {
  /** Requests a credential may make per window (the seed: 1000 per hour). */
  capacity: number;
  windowSeconds: number;
}

/** scrypt cost parameters (RFC 7914). */
export interface PasswordCost {
  N: number;
  r: number;
  p: number;
}

export interface ServerOptions {
  rateLimit: RateLimitConfig;
  /** Largest request body accepted, in bytes. */
  bodyLimitBytes: number;
  accessTokenTtlSeconds: number;
  refreshTokenTtlSeconds: number;
  invitationTtlSeconds: number;
  idempotencyTtlSeconds: number;
  passwordCost: PasswordCost;
  /** Browser origins allowed to call /mcp (the chat endpoints follow widget tokens instead). */
  mcpAllowedOrigins: readonly string[];
  /** How often an idle event stream sends a `: keep-alive` comment. */
  keepAliveMs: number;
  /** How often a stream following a turn run by another process looks for new events. */
  pollMs: number;
  /** Writes one line per request and every unexpected error (never a body or a credential). */
  log: ServerLog;
  /** A demo server (`npm start`) serves the demo page at `/`, signed in as this demo account. */
  demo: DemoOptions | null;
}

export interface DemoOptions {
  workspaceId: string;
  /** The demo data's staff account, whose password is published with the demo data. */
  account: { email: string; password: string };
}

export interface ServerLog {
  info(line: string): void;
  error(line: string): void;
}

export const DEFAULT_OPTIONS: ServerOptions = {
  rateLimit: { capacity: 1000, windowSeconds: 3600 },
  bodyLimitBytes: 1024 * 1024,
  accessTokenTtlSeconds: 900,
  refreshTokenTtlSeconds: 30 * 86_400,
  invitationTtlSeconds: 7 * 86_400,
  idempotencyTtlSeconds: 86_400,
  passwordCost: { N: 2 ** 15, r: 8, p: 1 },
  mcpAllowedOrigins: [],
  keepAliveMs: 15_000,
  pollMs: 250,
  demo: null,
  log: { info: (l) => console.log(l), error: (l) => console.error(l) },
};

export const silentLog: ServerLog = { info: () => {}, error: () => {} };

/** What the HTTP app is built from. */
export interface AppDeps {
  runtime: Runtime;
  options?: Partial<ServerOptions>;
  /** Shared by every server on the database (default: buckets in the database). */
  rateLimiter?: RateLimiter;
  /** Wall-clock milliseconds for rate limits and token lifetimes in streams (default Date.now). */
  now?: () => number;
}

export type Permission = ApiKeyPermission;
