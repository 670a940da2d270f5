import BetterSqlite3 from "better-sqlite3";
import { mkdirSync } from "node:fs";
import { dirname } from "node:path";
import { Kysely, PostgresDialect, sql } from "kysely";
import pg from "pg";
import { migrateToLatest } from "./migrations/index.js";
import { missingColumns, OutdatedSchemaError } from "./schema-check.js";
import { sqliteDialect } from "./sqlite-dialect.js";
import { attachWriteBehind } from "./write-behind.js";

/** Rows are checked by the store's codecs; Kysely sees tables by name. */
export type DB = Record<string, Record<string, any>>;

export type Dialect = "sqlite" | "postgres";

/**
 * Where a database is: a SQLite file (or `:memory:`), or a PostgreSQL URL with an optional
 * schema. Plain data, so another process can open the same database from it.
 */
export type DbTarget = { file: string } | { url: string; schema?: string };

export interface Db {
  readonly kysely: Kysely<DB>;
  readonly dialect: Dialect;
  readonly target: DbTarget;
  /** For messages: the SQLite file, or the PostgreSQL server and database without credentials. */
  readonly location: string;
  /** The underlying SQLite connection (SQLite only). */
  readonly sqlite?: BetterSqlite3.Database;
  /** Writes what trails (see entities/write-behind.ts), then closes. */
  close(): Promise<void>;
}

export type OpenDbOptions = DbTarget & {
  /** Apply pending migrations when the database opens (default true). */
  migrate?: boolean;
  /** Most PostgreSQL connections this process holds (default 10). */
  poolSize?: number;
};

/** Opens the store's database and applies pending migrations: SQLite for a file, PostgreSQL for a URL. */
export async function openDb(options: OpenDbOptions): Promise<Db> {
  return "url" in options ? openPostgres(options) : openSqlite(options);
}

/** Opens the SQLite store: WAL, foreign keys on, a busy timeout, migrations applied. */
async function openSqlite(options: { file: string; migrate?: boolean }): Promise<Db> {
  if (options.file !== ":memory:") mkdirSync(dirname(options.file), { recursive: true });
  const sqlite = new BetterSqlite3(options.file);
  sqlite.pragma("journal_mode = WAL");
  sqlite.pragma("foreign_keys = ON");
  sqlite.pragma("busy_timeout = 5000");
  sqlite.pragma("synchronous = NORMAL");
  const kysely = new Kysely<DB>({ dialect: sqliteDialect(sqlite) });
  const trailing = attachWriteBehind(kysely);
  if (options.migrate !== false) {
    try {
      await checkSchema(kysely, "sqlite", options.file, await migrateToLatest(kysely));
    } catch (e) {
      await kysely.destroy();
      throw e;
    }
  }
  return {
    kysely,
    dialect: "sqlite",
    target: { file: options.file },
    location: options.file,
    sqlite,
    close: async () => {
      await trailing.close();
      await kysely.destroy();
    },
  };
}

const SCHEMA_NAME = /^[a-z_][a-z0-9_]{0,62}$/;

/** `postgres://user:secret@host:5432/db` → `postgres://host:5432/db` (for messages and logs). */
export function redactUrl(url: string): string {
  try {
    const u = new URL(url);
    u.username = "";
    u.password = "";
    return u.toString();
  } catch {
    return "a PostgreSQL server (the URL does not parse)";
  }
}

const OID = { int8: 20, json: 114, numeric: 1700, timestamp: 1114, timestamptz: 1184, jsonb: 3802 } as const;

/**
 * Rows come back as they do from SQLite, so the codecs and raw queries see one shape: times as
 * ISO 8601 UTC text, JSON as its text, counts and cents (bigint, numeric) as numbers.
 */
const sqliteShapedTypes = {
  getTypeParser(oid: number, format?: "text" | "binary"): (value: string) => unknown {
    switch (oid) {
      case OID.timestamptz:
      case OID.timestamp: {
        const parse = pg.types.getTypeParser(oid, "text") as (v: string) => Date;
        return (v) => parse(v).toISOString();
      }
      case OID.json:
      case OID.jsonb:
        return (v) => v;
      case OID.int8:
      case OID.numeric:
        return Number;
      default:
        return pg.types.getTypeParser(oid, format as "text");
    }
  },
};

/** Key of the advisory lock that lets one process at a time migrate a database. */
const MIGRATION_LOCK = 715_001;

export interface PgPoolOptions {
  url: string;
  schema?: string;
  max?: number;
  /** Parse rows into the store's SQLite shape (default true; the checkpointer wants pg's own). */
  storeShaped?: boolean;
}

/** A `pg` pool on the URL, its search path set to the schema when one is given. */
export function pgPool(options: PgPoolOptions): pg.Pool {
  if (options.schema !== undefined && !SCHEMA_NAME.test(options.schema)) {
    throw new Error(`schema name ${JSON.stringify(options.schema)} must be lower-case letters, digits and _`);
  }
  const pool = new pg.Pool({
    connectionString: options.url,
    max: options.max ?? 10,
    ...(options.storeShaped === false ? {} : { types: sqliteShapedTypes }),
    ...(options.schema ? { options: `-c search_path=${options.schema}` } : {}),
  });
  // An idle connection the server closed (a restart) must not crash the process; the pool replaces it.
  pool.on("error", (e) => console.error(`[flashfusion] idle PostgreSQL connection lost: ${e.message}`));
  return pool;
}

async function openPostgres(options: { url: string; schema?: string; migrate?: boolean; poolSize?: number }): Promise<Db> {
  const pool = pgPool({ url: options.url, schema: options.schema, max: Math.max(2, options.poolSize ?? 10) });
  const kysely = new Kysely<DB>({ dialect: new PostgresDialect({ pool }) });
  const trailing = attachWriteBehind(kysely);
  const location = `${redactUrl(options.url)}${options.schema ? ` (schema ${options.schema})` : ""}`;
  const db: Db = {
    kysely,
    dialect: "postgres",
    target: options.schema ? { url: options.url, schema: options.schema } : { url: options.url },
    location,
    close: async () => {
      await trailing.close();
      await kysely.destroy();
      // Kysely ends the pool only once a query went through it; the check below takes a connection directly.
      if (!pool.ending) await pool.end();
    },
  };
  try {
    const client = await pool.connect().catch((e: Error) => {
      throw new Error(`cannot reach PostgreSQL at ${location}: ${e.message}`);
    });
    try {
      if (options.schema) await client.query(`create schema if not exists "${options.schema}"`);
    } finally {
      client.release();
    }
    if (options.migrate !== false) await checkSchema(kysely, "postgres", location, await applyMigrations(db));
  } catch (e) {
    await db.close();
    throw e;
  }
  return db;
}

/**
 * Applies pending migrations; answers their names. On PostgreSQL servers starting together,
 * one migrates while the others wait on an advisory lock and then find nothing to do.
 */
export async function applyMigrations(db: Db): Promise<string[]> {
  if (db.dialect === "sqlite") return migrateToLatest(db.kysely);
  return db.kysely.connection().execute(async (conn) => {
    await sql`select pg_advisory_lock(${MIGRATION_LOCK})`.execute(conn);
    try {
      const { rows } = await sql<{ schema: string }>`select current_schema() as schema`.execute(conn);
      return await migrateToLatest(db.kysely, rows[0]?.schema);
    } finally {
      await sql`select pg_advisory_unlock(${MIGRATION_LOCK})`.execute(conn);
    }
  });
}

/** A database that was already migrated (nothing applied now) must have every column the catalog has. */
async function checkSchema(kysely: Kysely<DB>, dialect: Dialect, location: string, applied: readonly string[]): Promise<void> {
  if (applied.length) return;
  const missing = await missingColumns(kysely, dialect);
  if (missing.length) throw new OutdatedSchemaError(location, missing);
}
