/**
 * The few SQL pieces the analytics queries share. Times are ISO 8601 UTC text of one width in
 * every table, so comparing them as text compares the instants.
 */
import { PostgresAdapter, sql, type RawBuilder, type SelectQueryBuilder } from "kysely";
import type { Store } from "../../../entities/store.js";
import type { TimeRange } from "../time.js";

const iso = (t: number) => new Date(t).toISOString();

/** Limits a query to rows whose `column` falls in the range, with the range's own bounds. */
export function inRange<Q extends SelectQueryBuilder<any, any, any>>(query: Q, column: string, range: TimeRange): Q {
  const lower = range.bounds === "(]" ? ">" : ">=";
  const upper = range.bounds === "[)" ? "<" : "<=";
  return query.where(column, lower, iso(range.start)).where(column, upper, iso(range.end)) as Q;
}

/** Whether the store's database is PostgreSQL (else SQLite). */
export function isPostgres(store: Store): boolean {
  return store.db.getExecutor().adapter instanceof PostgresAdapter;
}

/** The text at `key` of a JSON column, e.g. `properties.path`. The key is a bound value, never SQL text. */
export function jsonText(store: Store, column: string, key: string): RawBuilder<string | null> {
  return isPostgres(store)
    ? sql<string | null>`(${sql.ref(column)}::jsonb ->> ${key})`
    : sql<string | null>`json_extract(${sql.ref(column)}, ${`$.${key}`})`;
}

/** The UTC day (YYYY-MM-DD) of an ISO time column. */
export function dayOf(column: string): RawBuilder<string> {
  return sql<string>`substr(${sql.ref(column)}, 1, 10)`;
}
