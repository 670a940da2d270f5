import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import type { Db } from "../../entities/db.js";
import { openTestDb } from "../../entities/scratch.js";
import { ensureWorkspace } from "../../entities/workspace.js";
import { dbRateLimiter, leaseLimit } from "./rate-limiter.js";

let open: Db[] = [];
afterEach(async () => {
  await Promise.all(open.map((d) => d.close()));
  open = [];
});

async function database(file?: string): Promise<Db> {
  const db = await openTestDb({ file });
  open.push(db);
  await ensureWorkspace(db.kysely, "ws_a");
  return db;
}

const NOW = Date.parse("2026-03-10T09:00:00Z");

describe("rate limits in the database", () => {
  it("below a capacity of 200 takes every token from the shared bucket itself: exact across servers", async () => {
    const db = await database();
    const policy = { capacity: 5, windowSeconds: 3600 };
    expect(leaseLimit(policy)).toBe(1);
    const [a, b] = [dbRateLimiter(db, () => NOW), dbRateLimiter(db, () => NOW)];
    const decisions = [];
    for (let i = 0; i < 4; i++) for (const limiter of [a, b]) decisions.push(await limiter.take("ws_a", "api_key:k1", policy));
    expect(decisions.map((d) => d.allowed)).toEqual([true, true, true, true, true, false, false, false]);
    expect(decisions.slice(0, 5).map((d) => d.remaining)).toEqual([4, 3, 2, 1, 0]);
    expect(decisions[5]).toMatchObject({ remaining: 0, retryAfterSeconds: 720 });
  });

  it("lets a busy server lease tokens, yet servers together never admit more than the bucket holds", async () => {
    const db = await database();
    const policy = { capacity: 1000, windowSeconds: 3600 };
    const servers = [dbRateLimiter(db, () => NOW), dbRateLimiter(db, () => NOW), dbRateLimiter(db, () => NOW)];
    // One server alone: its headers count down one by one, leases and all.
    const first = [];
    for (let i = 0; i < 40; i++) first.push((await servers[0]!.take("ws_a", "api_key:busy", policy)).remaining);
    expect(first).toEqual(Array.from({ length: 40 }, (_, i) => 999 - i));
    // All three at once until the bucket is empty (the clock stands still: no refill).
    let admitted = 40;
    await Promise.all(
      servers.map(async (server) => {
        for (let i = 0; i < 600; i++) if ((await server.take("ws_a", "api_key:busy", policy)).allowed) admitted++;
      }),
    );
    expect(admitted).toBeLessThanOrEqual(1000);
    // What the others could not use is at most a lease per server.
    expect(admitted).toBeGreaterThanOrEqual(1000 - servers.length * leaseLimit(policy));
  });

  it("loses no tokens when one server's requests for a credential arrive together", async () => {
    const db = await database();
    const policy = { capacity: 1000, windowSeconds: 3600 };
    const limiter = dbRateLimiter(db, () => NOW);
    let admitted = 0;
    for (let round = 0; round < 20; round++) {
      const decisions = await Promise.all(Array.from({ length: 60 }, () => limiter.take("ws_a", "api_key:burst", policy)));
      admitted += decisions.filter((d) => d.allowed).length;
    }
    expect(admitted).toBeLessThanOrEqual(1000);
    // Requests that found the lease spent at once must not each lease anew and orphan all but the last.
    expect(admitted).toBeGreaterThanOrEqual(1000 - leaseLimit(policy));
  });

  it("gives the tokens a server holds back to the bucket when the database closes", async () => {
    const file = join(mkdtempSync(join(tmpdir(), "ff-rate-")), "r.db");
    const policy = { capacity: 1000, windowSeconds: 3600 };
    const db = await database(file);
    const limiter = dbRateLimiter(db, () => NOW);
    for (let i = 0; i < 30; i++) await limiter.take("ws_a", "api_key:k2", policy);
    await db.close();
    open = [];
    const again = dbRateLimiter(await database(file), () => NOW);
    expect(await again.peek("ws_a", "api_key:k2", policy)).toMatchObject({ allowed: true, remaining: 970 });
  });
});
