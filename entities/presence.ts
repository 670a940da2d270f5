import { randomBytes } from "node:crypto";
import { readFileSync } from "node:fs";
import { hostname } from "node:os";
import pg from "pg";
import { sql } from "kysely";
import type { Db } from "./db.js";

/**
 * Which processes sharing the database are alive, so work one of them left unfinished (a
 * running chat turn, an interrupted workflow) is taken over once it is certainly gone and never
 * while it still runs. Each process has an owner id (`host:pid:token`) written on the rows it
 * drives.
 *
 * - SQLite: every process is on this host, so a pid that no longer exists is a dead owner.
 * - PostgreSQL: each process holds a session advisory lock named by its id on a connection of
 *   its own; the server releases it when the process dies (its connection closes), whatever host
 *   it ran on. A lock another process can take belongs to a gone owner.
 */
export interface Presence {
  readonly id: string;
  start(): Promise<void>;
  /** Whether the process that wrote `ownerId` is certainly gone (never true for this process). */
  isGone(ownerId: string): Promise<boolean>;
  stop(): Promise<void>;
}

/** host:pid:token — one per process instance, so a restarted process never mistakes old rows for its own. */
export function newOwnerId(): string {
  return `${hostname()}:${process.pid}:${randomBytes(4).toString("hex")}`;
}

/** Whether a process exists and is not a zombie (an exited process nobody reaped yet). */
export function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === "EPERM";
  }
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    return stat.slice(stat.lastIndexOf(")") + 2, stat.lastIndexOf(")") + 3) !== "Z";
  } catch {
    // No /proc (not Linux): kill(0) is all there is to go on.
    return true;
  }
}

/**
 * On this host: the owner's process is gone, or (unless `sameProcessLives`) this process took
 * over its pid — a restart that reused it. Elsewhere: unknown (false).
 */
export function localOwnerGone(ownerId: string, own: string, sameProcessLives = false): boolean {
  if (ownerId === own) return false;
  const [host, pidText] = ownerId.split(":");
  const pid = Number(pidText);
  if (host !== hostname() || !Number.isInteger(pid) || pid <= 0) return false;
  if (pid === process.pid) return !sameProcessLives;
  return !processAlive(pid);
}

/** First key of the advisory locks that mark live processes (the second is the id's hash). */
const PRESENCE_LOCKS = 715_100;

export function createPresence(db: Db, id = newOwnerId()): Presence {
  if (db.dialect === "sqlite" || !("url" in db.target)) {
    return { id, start: async () => {}, isGone: async (owner) => localOwnerGone(owner, id), stop: async () => {} };
  }
  const target = db.target;
  let client: pg.Client | undefined;
  return {
    id,
    async start() {
      if (client) return;
      client = new pg.Client({ connectionString: target.url });
      // A lost connection means this process can no longer prove it is alive; others may take over.
      client.on("error", (e) => console.error(`[flashfusion] presence connection lost: ${e.message}`));
      await client.connect();
      await client.query("select pg_advisory_lock($1, hashtext($2))", [PRESENCE_LOCKS, id]);
    },
    async isGone(owner) {
      if (owner === id) return false;
      // Another presence of this very process (two runtimes on one database) answers by its lock.
      if (localOwnerGone(owner, id, true)) return true;
      return db.kysely.connection().execute(async (conn) => {
        const { rows } = await sql<{ free: boolean }>`select pg_try_advisory_lock(${PRESENCE_LOCKS}, hashtext(${owner})) as free`.execute(conn);
        if (!rows[0]?.free) return false;
        await sql`select pg_advisory_unlock(${PRESENCE_LOCKS}, hashtext(${owner}))`.execute(conn);
        return true;
      });
    },
    async stop() {
      await client?.end().catch(() => undefined);
      client = undefined;
    },
  };
}
