/**
 * The few SQL pieces that differ between SQLite and PostgreSQL, in one place. Everything else
 * is written once through Kysely.
 */
import { PostgresAdapter, sql, type RawBuilder } from "kysely";
import type { Dialect } from "./db.js";
import type { Executor } from "./store.js";

export function dialectOf(db: Executor): Dialect {
  return db.getExecutor().adapter instanceof PostgresAdapter ? "postgres" : "sqlite";
}

/** Whether an error is a unique-constraint violation, on either database. */
export function isUniqueViolation(e: unknown): boolean {
  if (!(e instanceof Error)) return false;
  if ((e as { code?: unknown }).code === "23505" || (e as { code?: unknown }).code === "SQLITE_CONSTRAINT_UNIQUE") return true;
  return /UNIQUE constraint failed|duplicate key value/i.test(e.message);
}

/** Whether an error is PostgreSQL refusing a NUL character in text (SQLite stores it). */
export function isNulInText(e: unknown): boolean {
  if (!(e instanceof Error)) return false;
  return (e as { code?: unknown }).code === "22021" || /invalid byte sequence for encoding "UTF8": 0x00/.test(e.message);
}

/** The columns a unique violation names, when the database says (`sku`, `email`). */
export function uniqueViolationColumns(e: unknown): string | undefined {
  if (!(e instanceof Error)) return undefined;
  const sqlite = /UNIQUE constraint failed:\s*(.+)$/i.exec(e.message);
  if (sqlite) return sqlite[1]!.replace(/\w+\.(?=\w)/g, "");
  const detail = (e as { detail?: unknown }).detail;
  const pg = typeof detail === "string" ? /^Key \((.+?)\)=/.exec(detail) : null;
  return pg ? pg[1]!.split(/,\s*/).filter((c) => c !== "workspace_id").join(", ") : undefined;
}

/** The text at `key` of a JSON column, e.g. `properties.path`. The key is a bound value, never SQL text. */
export function jsonText(db: Executor, column: string, key: string): RawBuilder<string | null> {
  return dialectOf(db) === "postgres"
    ? sql<string | null>`(${sql.ref(column)} ->> ${key})`
    : sql<string | null>`json_extract(${sql.ref(column)}, ${`$.${key}`})`;
}

/** A column as text, for `like` over a JSON column (jsonb on PostgreSQL). */
export function asText(db: Executor, column: string): RawBuilder<string> {
  return dialectOf(db) === "postgres" ? sql<string>`${sql.ref(column)}::text` : sql<string>`${sql.ref(column)}`;
}

/** The UTC day (YYYY-MM-DD) of a time column (ISO text on SQLite, timestamptz on PostgreSQL). */
export function utcDay(db: Executor, column: string): RawBuilder<string> {
  return dialectOf(db) === "postgres"
    ? sql<string>`to_char(${sql.ref(column)} at time zone 'UTC', 'YYYY-MM-DD')`
    : sql<string>`substr(${sql.ref(column)}, 1, 10)`;
}
