import BetterSqlite3 from "better-sqlite3";
import { mkdirSync } from "node:fs";
import { dirname } from "node:path";
import { Kysely, SqliteDialect } from "kysely";
import { migrateToLatest } from "./migrations/index.js";

/** Rows are checked by the store's codecs; Kysely sees tables by name. */
export type DB = Record<string, Record<string, any>>;

export interface Db {
  readonly kysely: Kysely<DB>;
  readonly dialect: "sqlite" | "postgres";
  /** The SQLite file (or `:memory:`); the checkpointer opens the same one. */
  readonly file: string;
  /** The underlying SQLite connection, for the LangGraph checkpointer. */
  readonly sqlite?: BetterSqlite3.Database;
  close(): Promise<void>;
}

export interface OpenDbOptions {
  file: string;
  /** Apply pending migrations when the database opens (default true). */
  migrate?: boolean;
}

/** Opens the SQLite store: WAL, foreign keys on, a busy timeout, migrations applied. */
export async function openDb(options: OpenDbOptions): Promise<Db> {
  if (options.file !== ":memory:") mkdirSync(dirname(options.file), { recursive: true });
  const sqlite = new BetterSqlite3(options.file);
  sqlite.pragma("journal_mode = WAL");
  sqlite.pragma("foreign_keys = ON");
  sqlite.pragma("busy_timeout = 5000");
  sqlite.pragma("synchronous = NORMAL");
  const kysely = new Kysely<DB>({ dialect: new SqliteDialect({ database: withStatementCache(sqlite) }) });
  if (options.migrate !== false) await migrateToLatest(kysely);
  return {
    kysely,
    dialect: "sqlite",
    file: options.file,
    sqlite,
    close: async () => {
      await kysely.destroy();
    },
  };
}

/**
 * Kysely's SQLite driver prepares every query anew; preparing is a large share of a short
 * query's cost. Statements are reused by their SQL text (the driver runs one query at a time).
 */
function withStatementCache(sqlite: BetterSqlite3.Database, size = 512) {
  const cache = new Map<string, BetterSqlite3.Statement>();
  return {
    close: () => sqlite.close(),
    prepare(sql: string) {
      let statement = cache.get(sql);
      if (statement) {
        cache.delete(sql);
      } else {
        statement = sqlite.prepare(sql);
        if (cache.size >= size) cache.delete(cache.keys().next().value!);
      }
      cache.set(sql, statement);
      return statement;
    },
  };
}
