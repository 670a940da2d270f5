import { spawnSync } from "node:child_process";
import { hostname } from "node:os";
import { afterEach, describe, expect, it } from "vitest";
import type { Db } from "./db.js";
import { createPresence, type Presence } from "./presence.js";
import { openTestDb } from "./scratch.js";

let db: Db | undefined;
const started: Presence[] = [];
afterEach(async () => {
  for (const p of started.splice(0)) await p.stop();
  await db?.close();
  db = undefined;
});

async function presence(d: Db, id?: string): Promise<Presence> {
  const p = createPresence(d, id);
  await p.start();
  started.push(p);
  return p;
}

describe("presence", () => {
  it("knows a process that exited on this host is gone, and never thinks itself gone", async () => {
    db = await openTestDb();
    const me = await presence(db);
    const dead = spawnSync(process.execPath, ["-e", "0"]).pid!;
    expect(await me.isGone(`${hostname()}:${dead}:cafe0001`)).toBe(true);
    expect(await me.isGone(me.id)).toBe(false);
  });

  it.runIf(process.env.FLASHFUSION_TEST_BACKEND === "postgres")("on PostgreSQL tells a live server on another host from a gone one by its lock", async () => {
    db = await openTestDb();
    const me = await presence(db);
    const other = await presence(db, "web-2.internal:4242:beef0002");
    expect(await me.isGone(other.id)).toBe(false);
    expect(await me.isGone("web-3.internal:4242:beef0003")).toBe(true);
    await other.stop();
    expect(await me.isGone(other.id)).toBe(true);
  });
});
