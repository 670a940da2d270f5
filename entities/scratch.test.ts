import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { sql } from "kysely";
import { afterAll, describe, expect, it } from "vitest";
import { currentTables } from "./columns.js";
import { openDb, type Db } from "./db.js";
import { openScratchDb, openTestDb, tableNames, testDatabaseUrl } from "./scratch.js";
import { ensureWorkspace } from "./workspace.js";

const url = testDatabaseUrl();
const dir = mkdtempSync(join(tmpdir(), "ff-scratch-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const workspaces = async (db: Db) => (await db.kysely.selectFrom("workspaces").select("id").execute()).map((r) => r.id);

it("finds a file's database again after it was closed, as another process would, and another file's apart", async () => {
  const file = join(dir, "kept.db");
  const first = await openTestDb({ file });
  await ensureWorkspace(first.kysely, "ws_kept");
  await first.close();
  const again = await openTestDb({ file });
  const other = await openTestDb({ file: join(dir, "other.db") });
  try {
    expect(await workspaces(again)).toEqual(["ws_kept"]);
    expect(await workspaces(other)).toEqual([]);
  } finally {
    await Promise.all([again.close(), other.close()]);
  }
});

describe.skipIf(!url)("scratch databases on PostgreSQL", () => {
  const nameOf = (db: Db) => new URL((db.target as { url: string }).url).pathname.slice(1);
  async function databasesOnServer(): Promise<string[]> {
    const admin = await openDb({ url: url!, migrate: false, poolSize: 2 });
    try {
      return (await sql<{ name: string }>`select datname as name from pg_database`.execute(admin.kysely)).rows.map((r) => r.name);
    } finally {
      await admin.close();
    }
  }

  it("gives each one a database of its own, migrated and holding LangGraph's checkpoint tables, dropped on close", async () => {
    const [a, b] = await Promise.all([openScratchDb({ url }), openScratchDb({ url })]);
    try {
      expect(nameOf(a)).toMatch(/^ff_scratch_[0-9a-f]{12}$/);
      expect(nameOf(a)).not.toBe(nameOf(b));
      expect(await tableNames(a)).toEqual(
        expect.arrayContaining([...currentTables().map((t) => t.table), "kysely_migration", "checkpoints", "checkpoint_writes", "checkpoint_blobs"]),
      );
      await ensureWorkspace(a.kysely, "ws_only_a");
      expect(await workspaces(b)).toEqual([]);
      expect(await databasesOnServer()).toEqual(expect.arrayContaining([nameOf(a), nameOf(b)]));
    } finally {
      await Promise.all([a.close(), b.close()]);
    }
    expect(await databasesOnServer()).not.toContain(nameOf(a));
    expect(await databasesOnServer()).not.toContain(nameOf(b));
  });

  it("drops a scratch database on close even while one of its sessions is still open", async () => {
    const db = await openScratchDb({ url });
    const stray = await openDb({ url: (db.target as { url: string }).url, migrate: false, poolSize: 2 });
    await sql`select 1`.execute(stray.kysely);
    await db.close();
    expect(await databasesOnServer()).not.toContain(nameOf(db));
    await stray.close();
  });
});
