import type { MiddlewareHandler } from "hono";
import { HttpError } from "../http/errors.js";
import type { RateDecision, RateLimiter } from "../limits/rate-limiter.js";
import type { AppEnv, RateLimitConfig } from "../types.js";

export interface RateLimitOptions {
  limiter: RateLimiter;
  policy: RateLimitConfig;
}

/**
 * The rate-limit headers: the IETF draft's `RateLimit-Policy` / `RateLimit` (structured fields:
 * quota q, window w, remaining r, seconds until full t) and the widespread `X-RateLimit-*`
 * (Reset as epoch seconds, as seed 002 shows).
 */
export function rateLimitHeaders(d: RateDecision, nowMs: number): Record<string, string> {
  return {
    "ratelimit-policy": `"default";q=${d.limit};w=${d.windowSeconds}`,
    ratelimit: `"default";r=${d.remaining};t=${d.resetSeconds}`,
    "x-ratelimit-limit": String(d.limit),
    "x-ratelimit-remaining": String(d.remaining),
    "x-ratelimit-reset": String(Math.ceil(nowMs / 1000) + d.resetSeconds),
  };
}

/** One request taken from the credential's bucket; an empty bucket answers 429 with Retry-After. */
export function rateLimit(options: RateLimitOptions, now: () => number = Date.now): MiddlewareHandler<AppEnv> {
  return async function rateLimit(c, next) {
    const principal = c.get("principal");
    const decision = await options.limiter.take(principal.workspaceId, `${principal.kind}:${principal.credentialId}`, options.policy);
    const headers = rateLimitHeaders(decision, now());
    if (!decision.allowed) {
      throw new HttpError(
        "RATE_LIMITED",
        `This credential may make ${decision.limit} requests per ${decision.windowSeconds} seconds; try again in ${decision.retryAfterSeconds} s`,
        { error: "Rate limit exceeded", headers: { ...headers, "retry-after": String(decision.retryAfterSeconds) } },
      );
    }
    await next();
    for (const [name, value] of Object.entries(headers)) c.res.headers.set(name, value);
  };
}
