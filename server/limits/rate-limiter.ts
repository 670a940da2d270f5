import { sql } from "kysely";
import type { Db } from "../../entities/db.js";
import { RateLimitBucket } from "../../entities/catalog/access.js";
import { runShape } from "../../entities/compiled.js";
import { randomIds } from "../../entities/ids.js";
import { writeBehindOf } from "../../entities/write-behind.js";
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

const num = (v: unknown) => sql`cast(${v} as double precision)`;

/** Most of a bucket one server leases at a time: 1% of its capacity, at most 64 (so below 200 it is exact). */
export function leaseLimit(policy: RateLimitConfig): number {
  return Math.max(1, Math.min(64, Math.floor(policy.capacity / 100)));
}

/** A lease is doubled (up to the limit) while the previous one was used up within this time. */
const BUSY_MS = 1_000;
/** Credentials whose leases one limiter remembers. */
const MAX_LEASES = 10_000;

/** Tokens this process took from a bucket and has not spent yet. */
interface Lease {
  workspaceId: string;
  key: string;
  policy: RateLimitConfig;
  left: number;
  size: number;
  /** When it was taken, and the bucket's tokens right after. */
  at: number;
  bucket: number;
}

let limiters = 0;

/**
 * Token buckets in the database (`rate_limit_buckets`), so several servers on one database share
 * them: `capacity` tokens, refilled continuously at capacity/window per second, one taken per
 * request. Smooth, unlike a fixed window that allows twice the limit across its edge. Each take is
 * one conditional UPDATE that refills and takes atomically; a first take inserts the bucket.
 * Only standard SQL (CASE, CAST, RETURNING), so SQLite and PostgreSQL run the same statements.
 *
 * A busy credential's requests do not each write: its server leases a few tokens at once in that
 * same UPDATE (doubling from 1 while they are used up within a second, up to `leaseLimit`: 1% of
 * the capacity, at most 64) and spends them in memory. Leased tokens were in the bucket, so no
 * server ever admits more than the bucket allows; the cost is the other way: a server may hold up
 * to a lease of unspent tokens per credential that the others cannot use, until it spends them
 * or gives them back when the database closes. Below a capacity of 200 every take is exact.
 */
export function dbRateLimiter(db: Db, now: () => number = Date.now): RateLimiter {
  const table = RateLimitBucket.table;
  const leases = new Map<string, Lease>();

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

  const perMs = (policy: RateLimitConfig) => policy.capacity / policy.windowSeconds / 1000;

  /** The bucket's tokens now and this process's unspent lease together, as the headers tell them. */
  function withLease(lease: Lease | undefined, tokens: number): number {
    return lease ? Math.min(lease.policy.capacity, tokens + lease.left) : tokens;
  }

  async function tokensLeft(workspaceId: string, key: string, policy: RateLimitConfig, t: number): Promise<number | undefined> {
    const { rows } = await runShape<{ tokens: number; refilled_ms: number }>(db.kysely, "rate-limit:peek", [workspaceId, key], (slot) =>
      db.kysely.selectFrom(table).select(["tokens", "refilled_ms"]).where("workspace_id", "=", slot(0)).where("key", "=", slot(1)),
    );
    const row = rows[0];
    if (!row) return undefined;
    return Math.min(policy.capacity, Number(row.tokens) + Math.max(0, t - Number(row.refilled_ms)) * perMs(policy));
  }

  /**
   * Refills the bucket, adds back `returned` tokens, takes `n` when that many are there: one
   * statement. Answers the tokens left, or undefined when there were not `n` (or no bucket).
   */
  async function takeFromBucket(workspaceId: string, key: string, policy: RateLimitConfig, t: number, n: number, returned = 0): Promise<number | undefined> {
    const values = [returned, t, perMs(policy), policy.capacity, n, new Date(t).toISOString(), workspaceId, key];
    const { rows } = await runShape<{ tokens: number }>(db.kysely, "rate-limit:take", values, (slot) => {
      const refilled = sql<number>`tokens + ${num(slot(0))} + (${num(slot(1))} - refilled_ms) * ${num(slot(2))}`;
      const capped = sql<number>`case when ${refilled} > ${num(slot(3))} then ${num(slot(3))} else ${refilled} end`;
      return db.kysely
        .updateTable(table)
        .set({ tokens: sql`${capped} - ${num(slot(4))}`, refilled_ms: slot(1), updated_at: slot(5) })
        .where("workspace_id", "=", slot(6))
        .where("key", "=", slot(7))
        .where(capped, ">=", slot(4))
        .returning("tokens");
    });
    return rows[0] ? Number(rows[0].tokens) : undefined;
  }

  /** Per credential, the take that is asking the bucket now. */
  const asking = new Map<string, Promise<unknown>>();

  async function take(workspaceId: string, key: string, policy: RateLimitConfig): Promise<RateDecision> {
    const t = now();
    const id = `${workspaceId}\u0000${key}`;
    const lease = leases.get(id);
    if (lease && lease.left >= 1 && lease.policy.capacity === policy.capacity && lease.policy.windowSeconds === policy.windowSeconds) {
      lease.left -= 1;
      return decision(policy, withLease(lease, Math.min(policy.capacity, lease.bucket + (t - lease.at) * perMs(policy))), true);
    }
    // One take per credential asks the bucket at a time; the others spend the lease it brings.
    // Each asking at once would lease anew, and all but the last lease would be lost.
    const pending = asking.get(id);
    if (pending) {
      await pending.catch(() => undefined);
      return take(workspaceId, key, policy);
    }
    const asked = ask(workspaceId, key, policy, t, id, lease);
    asking.set(id, asked);
    try {
      return await asked;
    } finally {
      if (asking.get(id) === asked) asking.delete(id);
    }
  }

  async function ask(workspaceId: string, key: string, policy: RateLimitConfig, t: number, id: string, lease: Lease | undefined, attempt = 0): Promise<RateDecision> {
    const size = lease && t - lease.at < BUSY_MS ? Math.min(leaseLimit(policy), lease.size * 2) : 1;
    for (const n of size > 1 ? [size, 1] : [1]) {
      const tokens = await takeFromBucket(workspaceId, key, policy, t, n);
      if (tokens === undefined) continue;
      keep(id, { workspaceId, key, policy, left: n - 1, size: n, at: t, bucket: tokens });
      return decision(policy, tokens + n - 1, true);
    }

    const left = await tokensLeft(workspaceId, key, policy, t);
    if (left !== undefined) return decision(policy, left, false);
    const iso = new Date(t).toISOString();
    try {
      await db.kysely
        .insertInto(table)
        .values({ id: randomIds.next(RateLimitBucket.prefix), workspace_id: workspaceId, key, tokens: policy.capacity - 1, refilled_ms: t, created_at: iso, updated_at: iso })
        .execute();
      keep(id, { workspaceId, key, policy, left: 0, size: 1, at: t, bucket: policy.capacity - 1 });
      return decision(policy, policy.capacity - 1, true);
    } catch (e) {
      // Another server inserted the bucket first: take from it.
      if (attempt === 0 && e instanceof Error && /UNIQUE|duplicate key/i.test(e.message)) return ask(workspaceId, key, policy, now(), id, undefined, 1);
      throw e;
    }
  }

  function keep(id: string, lease: Lease): void {
    leases.delete(id);
    // One entry per credential seen; the oldest goes first (with any tokens it held: a bounded loss).
    if (leases.size >= MAX_LEASES) leases.delete(leases.keys().next().value!);
    leases.set(id, lease);
  }

  /** Gives the unspent tokens back to their buckets (the database is closing). Best effort. */
  async function giveBack(): Promise<void> {
    const held = [...leases.values()].filter((l) => l.left >= 1);
    leases.clear();
    const t = now();
    try {
      for (const l of held) await takeFromBucket(l.workspaceId, l.key, l.policy, t, 0, l.left);
    } catch (e) {
      console.error(`[flashfusion] unspent rate-limit tokens could not be given back: ${e instanceof Error ? e.message : String(e)}`);
    }
  }

  const writeBehind = writeBehindOf(db.kysely);
  writeBehind?.part(`rate-limit-leases:${++limiters}`, () => ({
    entities: ["RateLimitBucket"],
    get pending() {
      for (const l of leases.values()) if (l.left >= 1) return true;
      return false;
    },
    flush: giveBack,
    close: giveBack,
  }));

  return {
    take,
    async peek(workspaceId, key, policy) {
      const left = withLease(leases.get(`${workspaceId}\u0000${key}`), (await tokensLeft(workspaceId, key, policy, now())) ?? policy.capacity);
      return decision(policy, left, left >= 1);
    },
  };
}
