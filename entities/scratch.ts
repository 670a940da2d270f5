import { createHash, randomBytes } from "node:crypto";
import { sql } from "kysely";
import { openDb, type Db } from "./db.js";
import { scratchName, scratchServer } from "./scratch-server.js";

/**
 * A throwaway database: in memory on SQLite, or on a PostgreSQL server a database of its own,
 * cloned from a template the migration built once (entities/scratch-server.ts) and dropped on
 * close. Evaluation cases and tests each take one.
 */
export async function openScratchDb(options: { url?: string } = {}): Promise<Db> {
  if (!options.url) return openDb({ file: ":memory:" });
  const server = scratchServer(options.url);
  const name = scratchName("scratch", randomBytes(6).toString("hex"));
  const url = await server.clone(name);
  let db: Db;
  try {
    // A clone of the migrated template: nothing is pending.
    db = await openDb({ url, migrate: false, poolSize: 4 });
  } catch (e) {
    await server.drop(name);
    throw e;
  }
  let closed: Promise<void> | undefined;
  const scratch: Db = {
    ...db,
    close: () =>
      (closed ??= (async () => {
        openScratch.delete(scratch);
        try {
          await db.close();
        } finally {
          await server.drop(name);
        }
      })()),
  };
  openScratch.add(scratch);
  return scratch;
}

/**
 * Scratch databases of this process not closed yet. A test that forgets to close its kit would
 * leave its database behind (and its sessions open): the tests' setup closes what a test file left open.
 */
const openScratch = new Set<Db>();

export async function closeLeftoverScratchDbs(): Promise<number> {
  const left = [...openScratch];
  await Promise.allSettled(left.map((db) => db.close()));
  return left.length;
}

/**
 * The end of a run that opened scratch databases on the server at `url` (an evaluation run):
 * drops the template they were cloned from and closes this process's connections to the server.
 */
export async function closeScratchServer(url: string): Promise<void> {
  const server = scratchServer(url);
  try {
    await server.dropTemplate();
  } finally {
    await server.close();
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
 * outlives the process (for restart and crash tests): the SQLite file, or on PostgreSQL a
 * database named after the file (cloned from the template by whichever process opens it first),
 * so every process opening the same file opens the same database. It is opened as a server
 * opens its database: pending migrations (none) are applied.
 */
export async function openTestDb(options: { file?: string } = {}): Promise<Db> {
  const url = testDatabaseUrl();
  if (!options.file) return openScratchDb({ url });
  if (!url) return openDb({ file: options.file });
  const name = scratchName("file", createHash("sha256").update(options.file).digest("hex").slice(0, 16));
  return openDb({ url: await scratchServer(url).clone(name, { reuse: true }), poolSize: 4 });
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
