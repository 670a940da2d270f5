import { createHash, randomBytes } from "node:crypto";
import { sql } from "kysely";
import { openDb, type Db } from "./db.js";

/**
 * A throwaway database: in memory on SQLite, or a fresh schema on a PostgreSQL server that is
 * dropped again on close — milliseconds, where CREATE DATABASE would take a server round trip
 * per case. Evaluation cases and tests each take one.
 */
export async function openScratchDb(options: { url?: string } = {}): Promise<Db> {
  if (!options.url) return openDb({ file: ":memory:" });
  const schema = `scratch_${randomBytes(6).toString("hex")}`;
  const db = await openDb({ url: options.url, schema, poolSize: 4 });
  let closed: Promise<void> | undefined;
  const scratch: Db = {
    ...db,
    close: () =>
      (closed ??= (async () => {
        openScratch.delete(scratch);
        try {
          await sql`drop schema if exists ${sql.id(schema)} cascade`.execute(db.kysely);
        } finally {
          await db.close();
        }
      })()),
  };
  openScratch.add(scratch);
  return scratch;
}

/**
 * Scratch databases of this process not closed yet. A test that forgets to close its kit would
 * leave its schema behind, and every schema left makes the server's catalogue, and so every later
 * test's migration, slower: the tests' setup closes what a test file left open.
 */
const openScratch = new Set<Db>();

export async function closeLeftoverScratchDbs(): Promise<number> {
  const left = [...openScratch];
  await Promise.allSettled(left.map((db) => db.close()));
  return left.length;
}

/** Drops every schema the tests make (`scratch_…`, `file_…`) on the server: before and after a run. */
export async function dropTestSchemas(url: string): Promise<number> {
  const db = await openDb({ url, migrate: false, poolSize: 2 });
  try {
    const { rows } = await sql<{ name: string }>`select nspname as name from pg_namespace where nspname like 'scratch\_%' or nspname like 'file\_%'`.execute(db.kysely);
    for (const { name } of rows) await sql`drop schema if exists ${sql.id(name)} cascade`.execute(db.kysely);
    return rows.length;
  } finally {
    await db.close();
  }
}

/** The PostgreSQL server the tests run on under the vitest `postgres` project (FLASHFUSION_TEST_BACKEND=postgres), else undefined. */
export function testDatabaseUrl(env: Record<string, string | undefined> = process.env): string | undefined {
  if (env.FLASHFUSION_TEST_BACKEND !== "postgres") return undefined;
  const url = env.FLASHFUSION_TEST_DATABASE_URL;
  if (!url) throw new Error("FLASHFUSION_TEST_BACKEND=postgres needs FLASHFUSION_TEST_DATABASE_URL (scripts/pg-test-server.sh start prints it)");
  return url;
}

/**
 * A database on the tests' backend. Without `file`, a scratch database. With `file`, one that
 * outlives the process (for restart and crash tests): the SQLite file, or on PostgreSQL a schema
 * named after the file, so every process opening the same file opens the same schema.
 */
export async function openTestDb(options: { file?: string } = {}): Promise<Db> {
  const url = testDatabaseUrl();
  if (!options.file) return openScratchDb({ url });
  if (!url) return openDb({ file: options.file });
  const schema = `file_${createHash("sha256").update(options.file).digest("hex").slice(0, 16)}`;
  return openDb({ url, schema, poolSize: 4 });
}

/** The tables of the database (of its schema on PostgreSQL), SQLite's own left out, sorted. */
export async function tableNames(db: Db): Promise<string[]> {
  const tables =
    db.dialect === "postgres"
      ? await sql<{ name: string }>`select table_name as name from information_schema.tables where table_schema = current_schema()`.execute(db.kysely)
      : await sql<{ name: string }>`select name from sqlite_master where type = 'table' and name not like 'sqlite_%'`.execute(db.kysely);
  return tables.rows.map((r) => r.name).sort();
}

/** Every row of every table of the database (checkpoints included), as text: what a dump would show. */
export async function dumpEveryRow(db: Db): Promise<string> {
  const rows: unknown[] = [];
  for (const name of await tableNames(db)) rows.push((await sql`select * from ${sql.table(name)}`.execute(db.kysely)).rows);
  return JSON.stringify(rows, (_, v) => (v instanceof Uint8Array ? Buffer.from(v).toString("latin1") : v));
}
