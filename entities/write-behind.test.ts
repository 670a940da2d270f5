import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it, vi } from "vitest";
import { fixedClock } from "./clock.js";
import { createCipher } from "./crypto.js";
import type { Db } from "./db.js";
import { randomIds } from "./ids.js";
import { openTestDb } from "./scratch.js";
import { Store } from "./store.js";
import { ensureWorkspace } from "./workspace.js";

const KEY = `1:${Buffer.alloc(32, 5).toString("base64")}`;
let open: Db[] = [];
afterEach(async () => {
  await Promise.all(open.map((d) => d.close()));
  open = [];
  vi.restoreAllMocks();
});

async function setup(file?: string) {
  const db = await openTestDb({ file });
  open.push(db);
  await ensureWorkspace(db.kysely, "ws_a");
  const store = (ws: string) => new Store({ db: db.kysely, cipher: createCipher(KEY), clock: fixedClock("2026-03-10T09:00:00Z"), ids: randomIds }, ws);
  return { db, store };
}

const row = (action: string) => ({ event_type: "tool_call", action, status: "success", details: { n: action } });
const rawCount = async (db: Db) => (await db.kysely.selectFrom("audit_logs").select("id").execute()).length;

describe("rows appended behind the call", () => {
  it("are written together soon after, and a read through the store writes them first", async () => {
    const { db, store } = await setup();
    const a = store("ws_a");
    const appended = await Promise.all(Array.from({ length: 70 }, (_, i) => a.append("AuditLog", row(`read_${i}`))));
    expect(appended[3]!.row).toMatchObject({ action: "read_3", details: { n: "read_3" }, workspace_id: "ws_a" });
    // The store's own read never misses one.
    expect(await a.count("AuditLog")).toBe(70);
    expect((await a.find("AuditLog", { action: "read_69" })).map((r) => r.id)).toEqual([appended[69]!.row.id]);
    await a.append("AuditLog", row("later"));
    expect(await a.findOne("AuditLog", { action: "later" })).toMatchObject({ action: "later" });
    // Anyone else sees them once they are written, a few milliseconds later.
    await Promise.all(appended.map((x) => x.written));
    expect(await rawCount(db)).toBe(71);
  });

  it("go in with the transaction when appended inside one, and are rolled back with it", async () => {
    const { db, store } = await setup();
    const a = store("ws_a");
    await expect(
      db.kysely.transaction().execute(async (trx) => {
        await a.with(trx).append("AuditLog", row("inside"));
        expect(await a.with(trx).count("AuditLog")).toBe(1);
        throw new Error("roll back");
      }),
    ).rejects.toThrow("roll back");
    expect(await a.count("AuditLog")).toBe(0);
  });

  it("drop and report only a row the database refuses; the others are written", async () => {
    const { db, store } = await setup();
    const errors = vi.spyOn(console, "error").mockImplementation(() => {});
    const a = store("ws_a");
    const good = await Promise.all([a.append("AuditLog", row("one")), a.append("AuditLog", row("two"))]);
    // A workspace that does not exist: its row breaks the foreign key.
    const orphan = await store("ws_nowhere").append("AuditLog", row("orphan"));
    await Promise.all([...good, orphan].map((x) => x.written));
    expect((await db.kysely.selectFrom("audit_logs").select("action").orderBy("action").execute()).map((r) => r.action)).toEqual(["one", "two"]);
    expect(errors.mock.calls.map((c) => String(c[0])).join("\n")).toMatch(new RegExp(`audit_logs row was refused and dropped \\(${orphan.row.id}\\)`));
  });

  it("are written when added while the database closes; one added after it closed is reported, not waited for", async () => {
    const file = join(mkdtempSync(join(tmpdir(), "ff-trailing-")), "t.db");
    const first = await setup(file);
    const errors = vi.spyOn(console, "error").mockImplementation(() => {});
    const a = first.store("ws_a");
    await a.append("AuditLog", row("before-close"));
    const closing = first.db.close();
    // Appended while the close writes what waited.
    const during = await a.append("AuditLog", row("during-close"));
    await closing;
    open = [];
    await during.written;
    await (await a.append("AuditLog", row("after-close"))).written;
    expect(errors.mock.calls.map((c) => String(c[0])).join("\n")).toMatch(/audit_logs row came after the database closed and was not written/);
    const again = await setup(file);
    const actions = (await again.store("ws_a").find("AuditLog", {})).map((r) => r.action).sort();
    expect(actions).toEqual(["before-close", "during-close"]);
  });

  it("are written when the database closes, before anything waited for them", async () => {
    const file = join(mkdtempSync(join(tmpdir(), "ff-trailing-")), "t.db");
    const first = await setup(file);
    await first.store("ws_a").append("AuditLog", row("at-shutdown"));
    await first.db.close();
    open = [];
    const again = await setup(file);
    expect(await again.store("ws_a").findOne("AuditLog", { action: "at-shutdown" })).toMatchObject({ status: "success" });
  });
});
