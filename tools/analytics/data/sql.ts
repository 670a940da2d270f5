/**
 * The few SQL pieces the analytics queries share. Times are ISO 8601 UTC text of one width on
 * SQLite (comparing them as text compares the instants) and timestamptz on PostgreSQL.
 */
import type { RawBuilder, SelectQueryBuilder } from "kysely";
import { jsonText as jsonTextOf, utcDay } from "../../../entities/sql.js";
import type { Store } from "../../../entities/store.js";
import type { TimeRange } from "../time.js";

const iso = (t: number) => new Date(t).toISOString();

/** Limits a query to rows whose `column` falls in the range, with the range's own bounds. */
export function inRange<Q extends SelectQueryBuilder<any, any, any>>(query: Q, column: string, range: TimeRange): Q {
  const lower = range.bounds === "(]" ? ">" : ">=";
  const upper = range.bounds === "[)" ? "<" : "<=";
  return query.where(column, lower, iso(range.start)).where(column, upper, iso(range.end)) as Q;
}

/** The text at `key` of a JSON column, e.g. `properties.path`. The key is a bound value, never SQL text. */
export function jsonText(store: Store, column: string, key: string): RawBuilder<string | null> {
  return jsonTextOf(store.db, column, key);
}

/** The UTC day (YYYY-MM-DD) of a time column. */
export function dayOf(store: Store, column: string): RawBuilder<string> {
  return utcDay(store.db, column);
}
