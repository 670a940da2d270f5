import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fixedClock } from "../entities/clock.js";
import { createCipher } from "../entities/crypto.js";
import { openDb, type Db } from "../entities/db.js";
import { seededIds } from "../entities/ids.js";
import { Store } from "../entities/store.js";
import { ensureWorkspace } from "../entities/workspace.js";
import { loadActivity, loadMembers } from "../tools/analytics/data/cohort-data.js";
import { loadFunnelEvents, type FunnelStep } from "../tools/analytics/data/funnel-events.js";
import { retentionTable } from "../tools/analytics/engine/cohorts.js";
import { countFunnel } from "../tools/analytics/engine/funnel.js";
import { addPeriods, DAY_MS, startOf, type TimeRange } from "../tools/analytics/time.js";

const KEY = `1:${Buffer.alloc(32, 5).toString("base64")}`;
const WS = "ws_bench";
const NOW = Date.parse("2026-03-10T09:00:00Z");
const DAYS = 90;
const PATHS = ["/home", "/pricing", "/features", "/blog", "/docs", "/signup", "/checkout", "/account"] as const;
const RUNS = 3;

export interface AnalyticsBenchRow {
  name: string;
  ms: number;
  floor_ms: number;
  ratio: number;
}

/** Deterministic data: the same figures on every machine. */
function prng(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * `events` Events over the 90 days before now from `events / 20` users who signed up over the
 * same days: visits that walk the site's pages (some reaching /signup and /checkout), with a
 * signup event for those who do. Written with one prepared statement in one transaction.
 */
function generate(db: Db, events: number): void {
  const sqlite = db.sqlite!;
  const random = prng(20260310);
  const users = Math.max(1, Math.floor(events / 20));
  const start = NOW - DAYS * DAY_MS;
  const insertUser = sqlite.prepare(
    "insert into users (id, workspace_id, created_at, updated_at, email, full_name, role, plan, status) values (?, ?, ?, ?, ?, '', 'customer', null, 'active')",
  );
  const insertEvent = sqlite.prepare(
    "insert into events (id, workspace_id, created_at, updated_at, event_name, event_type, user_id, session_id, properties, timestamp) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
  );
  sqlite.transaction(() => {
    const signedUp: number[] = [];
    for (let u = 0; u < users; u++) {
      const at = start + Math.floor(random() * DAYS * DAY_MS);
      signedUp.push(at);
      const iso = new Date(at).toISOString();
      insertUser.run(`usr_b${u}`, WS, iso, iso, `b${u}@example.com`);
    }
    let written = 0;
    let session = 0;
    while (written < events) {
      const u = Math.floor(random() * users);
      let t = signedUp[u]! + Math.floor(random() * (NOW - signedUp[u]!));
      const pages = 1 + Math.floor(random() * 8);
      const sid = `ses_b${session++}`;
      for (let p = 0; p < pages && written < events; p++) {
        const path = PATHS[Math.floor(random() * PATHS.length)]!;
        const iso = new Date(t).toISOString();
        insertEvent.run(`evt_b${written}`, WS, iso, iso, "page_view", "page", `usr_b${u}`, sid, JSON.stringify({ path }), iso);
        written++;
        if (path === "/signup" && written < events && random() < 0.3) {
          insertEvent.run(`evt_b${written}`, WS, iso, iso, "signup", "track", `usr_b${u}`, sid, "{}", iso);
          written++;
        }
        t += Math.floor(random() * 600_000);
      }
    }
  })();
  sqlite.exec("analyze");
}

async function best(fn: () => Promise<unknown>): Promise<number> {
  let fastest = Number.POSITIVE_INFINITY;
  for (let i = 0; i < RUNS; i++) {
    const t0 = performance.now();
    await fn();
    fastest = Math.min(fastest, performance.now() - t0);
  }
  return fastest;
}

/**
 * Funnel and cohort retention over `events` generated Events (1,000,000 by default) in a
 * temporary SQLite file, each as a ratio to the floor measured in the same run: one full scan
 * of the events table, every row read into the process. Goal: each within 5× the floor.
 * The funnel and cohorts run over the whole 90 days, so they see every event too.
 */
export async function benchAnalytics(events = 1_000_000): Promise<AnalyticsBenchRow[]> {
  const dir = mkdtempSync(join(tmpdir(), "ff-bench-analytics-"));
  const db = await openDb({ file: join(dir, "analytics.db") });
  try {
    await ensureWorkspace(db.kysely, WS);
    generate(db, events);
    const store = new Store({ db: db.kysely, cipher: createCipher(KEY), clock: fixedClock(new Date(NOW)), ids: seededIds(1) }, WS);
    const all: TimeRange = { start: NOW - DAYS * DAY_MS, end: NOW, bounds: "(]" };

    const floor = await best(async () => {
      const rows = await store.select("Event").execute();
      if (rows.length !== events) throw new Error(`expected ${events} events, scanned ${rows.length}`);
    });

    const steps: FunnelStep[] = [
      { kind: "path", path: "/home" },
      { kind: "path", path: "/signup" },
      { kind: "path", path: "/checkout" },
    ];
    const funnel = await best(async () => {
      const found = await loadFunnelEvents(store, steps, all);
      countFunnel(found, { stepCount: steps.length, period: all, windowMs: 7 * DAY_MS });
    });

    const first = startOf(all.start, "month");
    const cohorts = Array.from({ length: 4 }, (_, i) => addPeriods(first, "month", i));
    const cohort = await best(async () => {
      const signups: TimeRange = { start: first, end: addPeriods(first, "month", 4), bounds: "[)" };
      const activity: TimeRange = { start: addPeriods(first, "month", 1), end: NOW, bounds: "[]" };
      const members = await loadMembers(store, signups);
      const seen = await loadActivity(store, signups, activity);
      retentionTable(members, seen, { granularity: "month", cohorts, maxPeriods: 12, now: NOW });
    });

    return [
      { name: "analytics: funnel 3 steps, 90 days", ms: funnel, floor_ms: floor, ratio: funnel / floor },
      { name: "analytics: monthly cohort retention", ms: cohort, floor_ms: floor, ratio: cohort / floor },
    ];
  } finally {
    await db.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
