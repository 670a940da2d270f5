import type { Compilable, CompiledQuery, QueryResult } from "kysely";
import type { Dialect } from "./db.js";
import { dialectOf } from "./sql.js";
import { directSqliteOf } from "./sqlite-dialect.js";
import type { Executor } from "./store.js";

/**
 * Compiled query shapes. Building and compiling a query through Kysely costs more than running
 * it once the statement is prepared, and the store asks the same few shapes over and over (a row
 * by id, an insert into a table, an update of these columns). Each shape is built and compiled
 * once per dialect, with a stand-in for every value; afterwards only the values are bound.
 */

/** Stands in for the i-th value while a shape compiles. */
export type Slot = (index: number) => any;

interface Template {
  query: CompiledQuery;
  /** Per parameter: the index of the value bound there, or a constant the query itself holds. */
  bind: readonly (number | { constant: unknown })[];
}

const MARK = "\u0000ff-slot:";
const MAX_SHAPES = 4096;
const templates: Record<Dialect, Map<string, Template>> = { sqlite: new Map(), postgres: new Map() };

/**
 * Compiles a shape with stand-ins and learns where each value goes. Checked on this first
 * compile: every value must be bound somewhere, so a shape that drops one fails loudly here.
 */
function compileShape(build: (slot: Slot) => Compilable, count: number): Template {
  const query = build((i) => `${MARK}${i}`).compile();
  const bound = new Set<number>();
  const bind = query.parameters.map((p) => {
    if (typeof p === "string" && p.startsWith(MARK)) {
      const i = Number(p.slice(MARK.length));
      bound.add(i);
      return i;
    }
    return { constant: p };
  });
  if (bound.size !== count) throw new Error(`query shape binds ${bound.size} of its ${count} values: ${query.sql}`);
  return { query, bind };
}

/**
 * Runs the shape named `key` with these values, compiling it on first use. `key` must name
 * everything `build` varies on besides the values (table, columns, which filters are null…).
 */
export async function runShape<R = Record<string, unknown>>(
  db: Executor,
  key: string,
  values: readonly unknown[],
  build: (slot: Slot) => Compilable,
): Promise<QueryResult<R>> {
  const cache = templates[dialectOf(db)];
  let template = cache.get(key);
  if (!template) {
    template = compileShape(build, values.length);
    if (cache.size >= MAX_SHAPES) cache.delete(cache.keys().next().value!);
    cache.set(key, template);
  }
  const parameters = template.bind.map((b) => (typeof b === "number" ? values[b] : b.constant));
  const direct = directSqliteOf(db);
  const now = direct?.tryRun<R>(db, template.query.sql, parameters);
  if (now) return now;
  const query = { ...template.query, parameters };
  return direct ? direct.queue<R>(db, query) : db.executeQuery<R>(query);
}
