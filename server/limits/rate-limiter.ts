import { sql } from "kysely";
import type { Db } from "../../entities/db.js";
import { RateLimitBucket } from "../../entities/catalog/access.js";
import { randomIds } from "../../entities/ids.js";
import type { RateLimitConfig } from "../types.js";

/** What one take from a bucket decided, with what the rate-limit headers say. */
export interface RateDecision {
  allowed: boolean;
  limit: number;
  windowSeconds: number;
  /** Whole requests left now. */
  remaining: number;
  /** Seconds until the bucket is full again. */
  resetSeconds: number;
  /** Seconds until one request is allowed again (0 when allowed). */
  retryAfterSeconds: number;
}

/** A narrow seam: the server asks only this, so the buckets can live anywhere every server shares. */
export interface RateLimiter {
  /** Takes one request from the bucket, when one is left. */
  take(workspaceId: string, key: string, policy: RateLimitConfig): Promise<RateDecision>;
  /** What a take would decide now, without taking. */
  peek(workspaceId: string, key: string, policy: RateLimitConfig): Promise<RateDecision>;
}

const num = (v: number) => sql`cast(${v} as double precision)`;

/**
 * Token buckets in the database (`rate_limit_buckets`), so several servers on one database share
 * them: `capacity` tokens, refilled continuously at capacity/window per second, one taken per
 * request. Smooth, unlike a fixed window that allows twice the limit across its edge. Each take is
 * one conditional UPDATE that refills and takes atomically; a first take inserts the bucket.
 * Only standard SQL (CASE, CAST, RETURNING), so SQLite and PostgreSQL run the same statements.
 */
export function dbRateLimiter(db: Db, now: () => number = Date.now): RateLimiter {
  const table = RateLimitBucket.table;

  function decision(policy: RateLimitConfig, tokens: number, allowed: boolean): RateDecision {
    const rate = policy.capacity / policy.windowSeconds;
    const remaining = Math.max(0, Math.floor(tokens));
    return {
      allowed,
      limit: policy.capacity,
      windowSeconds: policy.windowSeconds,
      remaining,
      resetSeconds: Math.ceil(Math.max(0, policy.capacity - tokens) / rate),
      retryAfterSeconds: allowed ? 0 : Math.max(1, Math.ceil((1 - tokens) / rate)),
    };
  }

  async function tokensLeft(workspaceId: string, key: string, policy: RateLimitConfig, t: number): Promise<number | undefined> {
    const row = await db.kysely.selectFrom(table).select(["tokens", "refilled_ms"]).where("workspace_id", "=", workspaceId).where("key", "=", key).executeTakeFirst();
    if (!row) return undefined;
    const rate = policy.capacity / policy.windowSeconds / 1000;
    return Math.min(policy.capacity, Number(row.tokens) + Math.max(0, t - Number(row.refilled_ms)) * rate);
  }

  async function take(workspaceId: string, key: string, policy: RateLimitConfig, attempt = 0): Promise<RateDecision> {
    const t = now();
    const rate = policy.capacity / policy.windowSeconds / 1000;
    const refilled = sql<number>`tokens + (${num(t)} - refilled_ms) * ${num(rate)}`;
    const capped = sql<number>`case when ${refilled} > ${num(policy.capacity)} then ${num(policy.capacity)} else ${refilled} end`;
    const taken = await db.kysely
      .updateTable(table)
      .set({ tokens: sql`${capped} - 1`, refilled_ms: t, updated_at: new Date(t).toISOString() })
      .where("workspace_id", "=", workspaceId)
      .where("key", "=", key)
      .where(capped, ">=", 1)
      .returning("tokens")
      .executeTakeFirst();
    if (taken) return decision(policy, Number(taken.tokens), true);

    const left = await tokensLeft(workspaceId, key, policy, t);
    if (left !== undefined) return decision(policy, left, false);
    const iso = new Date(t).toISOString();
    try {
      await db.kysely
        .insertInto(table)
        .values({ id: randomIds.next(RateLimitBucket.prefix), workspace_id: workspaceId, key, tokens: policy.capacity - 1, refilled_ms: t, created_at: iso, updated_at: iso })
        .execute();
      return decision(policy, policy.capacity - 1, true);
    } catch (e) {
      // Another server inserted the bucket first: take from it.
      if (attempt === 0 && e instanceof Error && /UNIQUE|duplicate key/i.test(e.message)) return take(workspaceId, key, policy, 1);
      throw e;
    }
  }

  return {
    take: (workspaceId, key, policy) => take(workspaceId, key, policy),
    async peek(workspaceId, key, policy) {
      const left = (await tokensLeft(workspaceId, key, policy, now())) ?? policy.capacity;
      return decision(policy, left, left >= 1);
    },
  };
}
