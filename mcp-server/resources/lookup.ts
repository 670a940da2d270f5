import { sql } from "kysely";
import type { EntityName, Entities } from "../../entities/index.js";
import type { Store } from "../../entities/store.js";
import type { Scope } from "./define.js";

type Field<N extends EntityName> = keyof Entities[N] & string;

/** `%` and `_` match themselves in a LIKE pattern. */
const escapeLike = (text: string) => text.replace(/[\\%_]/g, (c) => `\\${c}`);

/**
 * Rows of one entity whose `field` starts with `prefix` (any case), in the caller's pipeline
 * scope when the entity belongs to a pipeline: the values completion and listing offer.
 */
export async function startingWith<N extends EntityName>(
  store: Store,
  entity: N,
  field: Field<N>,
  prefix: string,
  options: { orderBy: Field<N>; direction?: "asc" | "desc"; limit: number; scope?: { field: Field<N>; scope: Scope } },
): Promise<Entities[N][]> {
  let q = store.select(entity);
  if (prefix) q = q.where(sql<boolean>`lower(${sql.ref(store.column(entity, field))}) like ${`${escapeLike(prefix.toLowerCase())}%`} escape '\\'`);
  const ids = options.scope?.scope.pipelineIds ?? [];
  if (options.scope && ids.length) q = q.where(store.column(entity, options.scope.field), "in", [...ids]);
  q = q.orderBy(store.column(entity, options.orderBy), options.direction ?? "asc").limit(options.limit);
  return store.decode(entity, await q.execute());
}
