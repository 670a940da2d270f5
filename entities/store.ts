import { sql, type Kysely, type SelectQueryBuilder, type Transaction } from "kysely";
import { runShape, type Slot } from "./compiled.js";
import type { Cipher } from "./crypto.js";
import type { Clock } from "./clock.js";
import type { DB } from "./db.js";
import {
  EntityInputError,
  decodeRow,
  encodeField,
  fallbackOf,
  fieldColumns,
  parseField,
  type CommonFields,
  type EntityDef,
  type FieldColumn,
} from "./define.js";
import { columnOf } from "./fields.js";
import type { IdGenerator } from "./ids.js";
import { dialectOf } from "./sql.js";
import { ENTITIES, type Entities, type EntityName } from "./index.js";
import { AppendQueue, writeBehindOf } from "./write-behind.js";

export type Executor = Kysely<DB> | Transaction<DB>;

export interface StoreDeps {
  db: Executor;
  cipher: Cipher;
  clock: Clock;
  ids: IdGenerator;
}

/** Which entities a piece of code may read and write; undefined = all. */
export interface EntityAccess {
  reads: ReadonlySet<EntityName>;
  writes: ReadonlySet<EntityName>;
}

export class EntityNotFoundError extends Error {
  constructor(
    readonly entity: EntityName,
    readonly ref: string,
  ) {
    super(`${entity} ${ref} not found`);
    this.name = "EntityNotFoundError";
  }
}

export class EntityAccessError extends Error {
  constructor(
    readonly entity: EntityName,
    readonly mode: "read" | "write",
  ) {
    super(`this operation may not ${mode} ${entity}`);
    this.name = "EntityAccessError";
  }
}

export type Where<N extends EntityName> = Partial<{ [K in keyof Entities[N]]: Entities[N][K] | null }>;
export type NewRow<N extends EntityName> = Partial<Entities[N]> & Record<string, unknown>;

export interface FindOptions<N extends EntityName> {
  orderBy?: keyof Entities[N] & string;
  direction?: "asc" | "desc";
  limit?: number;
}

/** A field of an entity besides the ones every row has. */
export type FieldName<N extends EntityName> = Exclude<keyof Entities[N] & string, keyof CommonFields>;

/** Some fields of an entity, with the ones every row has (id, workspace, times). */
export type Picked<N extends EntityName, F extends FieldName<N>> = Pick<Entities[N], F | keyof CommonFields>;

/** Read only these fields: a view that shows a summary leaves out what it does not show (a run's logs). */
export interface Only<F> {
  fields: readonly F[];
}

const COMMON_COLUMNS = ["id", "workspace_id", "created_at", "updated_at"] as const;
/** Longest id list whose query shape is kept compiled; longer lists are compiled each time. */
const MAX_CACHED_IDS = 64;

type Filters = readonly (readonly [string, unknown])[];

/** Adds the filters' values to `values`; answers what of them the query's shape depends on. */
function filterShape(filters: Filters, values: unknown[]): string {
  let key = "";
  for (const [col, value] of filters) {
    key += value === null ? `${col} null,` : `${col},`;
    if (value !== null) values.push(value);
  }
  return key;
}

/** The filters on a query being compiled, their values from slot `first` on. */
function applyFilters<Q extends { where(...args: any[]): Q }>(q: Q, filters: Filters, slot: Slot, first: number): Q {
  let i = first;
  for (const [col, value] of filters) q = value === null ? q.where(col, "is", null) : q.where(col, "=", slot(i++));
  return q;
}

/**
 * The entity store seen from one workspace. Every read and write is filtered by that
 * workspace, so rows never cross workspaces; values go through the entity codecs (money in
 * cents, JSON, times); encrypted fields are sealed on the way in and only `reveal` opens them.
 */
export class Store {
  constructor(
    private readonly deps: StoreDeps,
    readonly workspaceId: string,
    private readonly access?: EntityAccess,
  ) {}

  get db(): Executor {
    return this.deps.db;
  }

  get clock(): Clock {
    return this.deps.clock;
  }

  /** The same store on another executor (a transaction) or with other access rules. */
  with(db: Executor, access: EntityAccess | undefined = this.access): Store {
    return new Store({ ...this.deps, db }, this.workspaceId, access);
  }

  private def(name: EntityName, mode: "read" | "write"): EntityDef {
    if (this.access && name !== "AuditLog") {
      const allowed = mode === "read" ? this.access.reads.has(name) || this.access.writes.has(name) : this.access.writes.has(name);
      if (!allowed) throw new EntityAccessError(name, mode);
    }
    return ENTITIES[name] as unknown as EntityDef;
  }

  /** A select over the entity's table already limited to this workspace. */
  select<N extends EntityName>(name: N): SelectQueryBuilder<DB, string, Record<string, any>> {
    const def = this.def(name, "read");
    return this.deps.db.selectFrom(def.table).selectAll().where("workspace_id", "=", this.workspaceId) as any;
  }

  /** Column name of a field, for queries built with `select`. */
  column<N extends EntityName>(name: N, field: keyof Entities[N] & string): string {
    const def = ENTITIES[name] as unknown as EntityDef;
    const fld = def.fields[field];
    return fld ? columnOf(field, fld) : field;
  }

  decode<N extends EntityName>(name: N, rows: Record<string, unknown>[]): Entities[N][] {
    const def = ENTITIES[name] as unknown as EntityDef;
    return rows.map((r) => decodeRow(def, r) as Entities[N]);
  }

  private whereClause(def: EntityDef, where: Record<string, unknown>) {
    return Object.entries(where).map(([field, value]) => {
      if (field === "id" || field === "created_at" || field === "updated_at") return [field, value] as const;
      const fld = def.fields[field];
      if (!fld) throw new EntityInputError(def.name, field, "unknown field");
      return [columnOf(field, fld), encodeField(fld, value)] as const;
    });
  }

  /** The columns of the fields asked for; undefined (every visible field) when none are named. */
  private projection(def: EntityDef, fields: readonly string[] | undefined): { columns: readonly FieldColumn[]; key: string } | undefined {
    if (!fields) return undefined;
    const all = fieldColumns(def);
    const columns = all.filter((c) => fields.includes(c.name));
    for (const f of fields) {
      if (!columns.some((c) => c.name === f) && !(COMMON_COLUMNS as readonly string[]).includes(f)) throw new EntityInputError(def.name, f, "unknown field");
    }
    return { columns, key: columns.map((c) => c.column).join(",") };
  }

  private selection(slot: Slot, def: EntityDef, only: readonly FieldColumn[] | undefined) {
    const q = this.deps.db.selectFrom(def.table);
    return (only ? q.select([...COMMON_COLUMNS, ...only.map((c) => c.column)]) : q.selectAll()).where("workspace_id", "=", slot(0));
  }

  find<N extends EntityName, F extends FieldName<N>>(name: N, where: Where<N>, options: FindOptions<N> & Only<F>): Promise<Picked<N, F>[]>;
  find<N extends EntityName>(name: N, where?: Where<N>, options?: FindOptions<N>): Promise<Entities[N][]>;
  async find<N extends EntityName>(name: N, where: Where<N> = {}, options: FindOptions<N> & Partial<Only<string>> = {}): Promise<Entities[N][]> {
    const def = this.def(name, "read");
    const filters = this.whereClause(def, where as Record<string, unknown>);
    const only = this.projection(def, options.fields);
    await this.caughtUp(name);
    const order = options.orderBy ? this.column(name, options.orderBy) : undefined;
    const direction = options.direction ?? "asc";
    const values: unknown[] = [this.workspaceId];
    // A row by its id needs no order. The limit is part of the SQL text: SQLite prepares a
    // statement again on every run when its LIMIT is a bound value (3× a point lookup's cost).
    const byId = filters.some(([col, value]) => col === "id" && value !== null);
    const limit = !options.limit || byId ? undefined : Math.max(1, Math.floor(options.limit));
    const key = `find:${def.table}:${only?.key ?? "*"}:${filterShape(filters, values)}:${byId ? "" : `${order ?? ""} ${direction}`}:${limit ?? ""}`;
    const { rows } = await runShape(this.deps.db, key, values, (slot) => {
      let q = applyFilters(this.selection(slot, def, only?.columns), filters, slot, 1);
      if (byId) return q;
      if (order) q = q.orderBy(order, direction);
      q = q.orderBy("id", "asc");
      return limit === undefined ? q : q.limit(sql.lit(limit));
    });
    return rows.map((r) => decodeRow(def, r, only?.columns) as Entities[N]);
  }

  /** The rows with these ids (any order); ids not found are simply absent. */
  findByIds<N extends EntityName, F extends FieldName<N>>(name: N, ids: readonly string[], options: Only<F>): Promise<Picked<N, F>[]>;
  findByIds<N extends EntityName>(name: N, ids: readonly string[]): Promise<Entities[N][]>;
  async findByIds<N extends EntityName>(name: N, ids: readonly string[], options: Partial<Only<string>> = {}): Promise<Entities[N][]> {
    const unique = [...new Set(ids)];
    if (!unique.length) return [];
    const def = this.def(name, "read");
    const only = this.projection(def, options.fields);
    await this.caughtUp(name);
    const build = (slot: Slot) => this.selection(slot, def, only?.columns).where("id", "in", unique.map((_, i) => slot(i + 1)));
    const values = [this.workspaceId, ...unique];
    // Each length is its own shape; a long list is compiled for itself.
    const rows =
      unique.length <= MAX_CACHED_IDS
        ? (await runShape(this.deps.db, `ids:${def.table}:${only?.key ?? "*"}:${unique.length}`, values, build)).rows
        : await this.selection(() => this.workspaceId, def, only?.columns).where("id", "in", unique).execute();
    return rows.map((r) => decodeRow(def, r as Record<string, unknown>, only?.columns) as Entities[N]);
  }

  findOne<N extends EntityName, F extends FieldName<N>>(name: N, where: Where<N>, options: FindOptions<N> & Only<F>): Promise<Picked<N, F> | undefined>;
  findOne<N extends EntityName>(name: N, where: Where<N>, options?: FindOptions<N>): Promise<Entities[N] | undefined>;
  async findOne<N extends EntityName>(name: N, where: Where<N>, options: FindOptions<N> & Partial<Only<string>> = {}): Promise<Entities[N] | undefined> {
    return (await this.find(name, where, { ...options, limit: 1 } as FindOptions<N>))[0];
  }

  get<N extends EntityName, F extends FieldName<N>>(name: N, id: string, options: Only<F>): Promise<Picked<N, F> | undefined>;
  get<N extends EntityName>(name: N, id: string): Promise<Entities[N] | undefined>;
  async get<N extends EntityName>(name: N, id: string, options: Partial<Only<string>> = {}): Promise<Entities[N] | undefined> {
    return this.findOne(name, { id } as Where<N>, options as FindOptions<N>);
  }

  async require<N extends EntityName>(name: N, id: string): Promise<Entities[N]> {
    const row = await this.get(name, id);
    if (!row) throw new EntityNotFoundError(name, id);
    return row;
  }

  async count<N extends EntityName>(name: N, where: Where<N> = {}): Promise<number> {
    const def = this.def(name, "read");
    const filters = this.whereClause(def, where as Record<string, unknown>);
    const values: unknown[] = [this.workspaceId];
    const key = `count:${def.table}:${filterShape(filters, values)}`;
    await this.caughtUp(name);
    const { rows } = await runShape<{ n: number | string }>(this.deps.db, key, values, (slot) =>
      applyFilters(this.deps.db.selectFrom(def.table).select((eb) => eb.fn.countAll().as("n")).where("workspace_id", "=", slot(0)), filters, slot, 1),
    );
    return Number(rows[0]?.n ?? 0);
  }

  /**
   * Inserts a row. Fields left out take their defaults; `id`, `created_at` and `updated_at`
   * are generated unless given. Encrypted fields given here are sealed.
   */
  async insert<N extends EntityName>(name: N, values: NewRow<N>): Promise<Entities[N]> {
    const def = this.def(name, "write");
    const row = this.newRow(def, values);
    const columns = Object.keys(row);
    await runShape(this.deps.db, `insert:${def.table}:${columns.join(",")}`, Object.values(row), (slot) =>
      this.deps.db.insertInto(def.table).values(Object.fromEntries(columns.map((c, i) => [c, slot(i)]))),
    );
    return decodeRow(def, row) as Entities[N];
  }

  /**
   * Inserts a row that nothing in the calling code reads back (the audit row of a read) a moment
   * later, in one statement with the others queued meanwhile (entities/write-behind.ts); reads of
   * the entity through a store write it first. Inside a transaction it is inserted at once, with
   * the transaction. Answers the row and when it is written.
   */
  async append<N extends EntityName>(name: N, values: NewRow<N>): Promise<{ row: Entities[N]; written: Promise<void> }> {
    const trailing = this.deps.db.isTransaction ? undefined : writeBehindOf(this.deps.db);
    if (!trailing) return { row: await this.insert(name, values), written: Promise.resolve() };
    const def = this.def(name, "write");
    const row = this.newRow(def, values);
    const queue = trailing.part(`append:${def.table}`, (db) => new AppendQueue(db, def.table, [name]));
    const { written, backlogged } = queue.add(row);
    // While the database is away the queue grows; past its limit, callers wait for it.
    if (backlogged) await written;
    return { row: decodeRow(def, row) as Entities[N], written };
  }

  /**
   * Writes what trails for this entity (entities/write-behind.ts), so that a query built with
   * `select` sees it; `find` and the store's other reads do this themselves. Not inside a
   * transaction (the trailing rows would queue behind it): the tool door catches up before one.
   */
  async caughtUp(name: EntityName): Promise<void> {
    if (this.deps.db.isTransaction) return;
    const trailing = writeBehindOf(this.deps.db);
    if (trailing?.pendingFor(name)) await trailing.settle([name]);
  }

  /**
   * Inserts a row, or overwrites the row of this workspace that has the same `key` fields (one
   * of the entity's unique field sets). One statement, so processes racing on one key end with
   * one row — the last writer's values — on SQLite and PostgreSQL alike.
   */
  async upsert<N extends EntityName>(name: N, key: readonly (keyof Entities[N] & string)[], values: NewRow<N>): Promise<Entities[N]> {
    const def = this.def(name, "write");
    if (!def.unique.some((u) => u.length === key.length && u.every((f) => key.includes(f as never)))) {
      throw new EntityInputError(def.name, key.join(","), "is not one of the entity's unique field sets");
    }
    if (Object.values(def.fields).some((f) => f.kind === "encrypted")) {
      // A sealed value is bound to the row id, which the surviving row may not share.
      throw new EntityInputError(def.name, key.join(","), "an entity with encrypted fields cannot be upserted");
    }
    const row = this.newRow(def, values);
    const overwritten = Object.keys(row).filter((c) => c !== "id" && c !== "workspace_id" && c !== "created_at");
    const stored = await this.deps.db
      .insertInto(def.table)
      .values(row)
      .onConflict((oc) =>
        oc
          .columns(["workspace_id", ...key.map((f) => this.column(name, f))])
          .doUpdateSet(Object.fromEntries(overwritten.map((c) => [c, (eb: any) => eb.ref(`excluded.${c}`)]))),
      )
      .returningAll()
      .executeTakeFirstOrThrow();
    return decodeRow(def, stored as Record<string, unknown>) as Entities[N];
  }

  private newRow(def: EntityDef, values: Record<string, unknown>): Record<string, unknown> {
    const now = this.deps.clock.now().toISOString();
    const input = values as Record<string, unknown>;
    const id = (input.id as string | undefined) ?? this.deps.ids.next(def.prefix);
    const row: Record<string, unknown> = {
      id,
      workspace_id: this.workspaceId,
      created_at: input.created_at ? new Date(String(input.created_at)).toISOString() : now,
      updated_at: input.updated_at ? new Date(String(input.updated_at)).toISOString() : now,
    };
    for (const key of Object.keys(input)) {
      if (!["id", "workspace_id", "created_at", "updated_at"].includes(key) && !def.fields[key]) {
        throw new EntityInputError(def.name, key, `unknown field; known fields: ${Object.keys(def.fields).join(", ")}`);
      }
    }
    if (input.workspace_id !== undefined && input.workspace_id !== this.workspaceId) {
      throw new EntityInputError(def.name, "workspace_id", "a row is written only into the store's own workspace");
    }
    for (const [field, fld] of Object.entries(def.fields)) {
      let value = input[field];
      if (value === undefined) value = fallbackOf(fld);
      if (value === undefined) {
        if (field === "timestamp" || field === "started_at") value = now;
        else throw new EntityInputError(def.name, field, "is required");
      }
      if (fld.kind === "encrypted") {
        row[columnOf(field, fld)] =
          value === null ? null : this.deps.cipher.encrypt(String(value), this.binding(def, id, field));
        continue;
      }
      row[columnOf(field, fld)] = encodeField(fld, parseField(def, field, value));
    }
    return row;
  }

  /**
   * Updates a row of this workspace; `onlyIf` makes it a compare-and-set (the update applies
   * only while those fields hold). Answers the new row, or undefined when nothing matched.
   */
  async update<N extends EntityName>(
    name: N,
    id: string,
    patch: Partial<Entities[N]> & Record<string, unknown>,
    onlyIf: Where<N> = {},
  ): Promise<Entities[N] | undefined> {
    const def = this.def(name, "write");
    const set: Record<string, unknown> = { updated_at: (patch.updated_at as string | undefined) ?? this.deps.clock.now().toISOString() };
    for (const [field, value] of Object.entries(patch)) {
      if (field === "updated_at" || value === undefined) continue;
      const fld = def.fields[field];
      if (!fld) throw new EntityInputError(def.name, field, "unknown or read-only field");
      if (fld.kind === "encrypted") {
        set[columnOf(field, fld)] = value === null ? null : this.deps.cipher.encrypt(String(value), this.binding(def, id, field));
      } else {
        set[columnOf(field, fld)] = encodeField(fld, parseField(def, field, value));
      }
    }
    const columns = Object.keys(set);
    const filters = this.whereClause(def, onlyIf as Record<string, unknown>);
    const values: unknown[] = [...Object.values(set), this.workspaceId, id];
    const key = `update:${def.table}:${columns.join(",")}:${filterShape(filters, values)}`;
    const { rows } = await runShape(this.deps.db, key, values, (slot) => {
      const q = this.deps.db
        .updateTable(def.table)
        .set(Object.fromEntries(columns.map((c, j) => [c, slot(j)])))
        .where("workspace_id", "=", slot(columns.length))
        .where("id", "=", slot(columns.length + 1));
      return applyFilters(q, filters, slot, columns.length + 2).returningAll();
    });
    return rows[0] ? (decodeRow(def, rows[0]) as Entities[N]) : undefined;
  }

  /**
   * Adds `delta` to an integer field in one conditional statement — `set f = f + delta where
   * f + delta >= atLeast` — so concurrent writers in any number of processes can neither lose an
   * update nor take the value below the floor. Answers the new row, or undefined when the row is
   * missing, the field is null, or the floor would be crossed.
   */
  async adjust<N extends EntityName>(
    name: N,
    id: string,
    field: keyof Entities[N] & string,
    delta: number,
    options: { atLeast?: number } = {},
  ): Promise<Entities[N] | undefined> {
    const def = this.def(name, "write");
    const fld = def.fields[field];
    if (!fld || fld.kind !== "int") throw new EntityInputError(def.name, field, "only an integer field can be adjusted");
    if (!Number.isInteger(delta)) throw new EntityInputError(def.name, field, `adjusts by whole numbers, not ${delta}`);
    const column = columnOf(field, fld);
    const col = sql.ref(column);
    const floored = options.atLeast !== undefined;
    const values = [delta, this.deps.clock.now().toISOString(), this.workspaceId, id, ...(floored ? [options.atLeast] : [])];
    const { rows } = await runShape(this.deps.db, `adjust:${def.table}:${column}:${floored}`, values, (slot) => {
      let q = this.deps.db
        .updateTable(def.table)
        .set({ [column]: sql`${col} + ${slot(0)}`, updated_at: slot(1) })
        .where("workspace_id", "=", slot(2))
        .where("id", "=", slot(3))
        .where(col, "is not", null);
      if (floored) q = q.where(sql`${col} + ${slot(0)}`, ">=", slot(4));
      return q.returningAll();
    });
    return rows[0] ? (decodeRow(def, rows[0]) as Entities[N]) : undefined;
  }

  /**
   * Locks a row of this workspace until the store's transaction ends, so code that reads and
   * then writes under it (counting toward a limit) takes turns across processes. PostgreSQL:
   * SELECT … FOR UPDATE. SQLite: nothing more to do, its transactions hold the write lock from
   * their start. Answers whether the row exists.
   */
  async lock<N extends EntityName>(name: N, id: string): Promise<boolean> {
    const def = this.def(name, "read");
    const { rows } = await runShape(this.deps.db, `lock:${def.table}`, [this.workspaceId, id], (slot) => {
      const q = this.deps.db.selectFrom(def.table).select("id").where("workspace_id", "=", slot(0)).where("id", "=", slot(1));
      return dialectOf(this.deps.db) === "postgres" ? q.forUpdate() : q;
    });
    return rows.length > 0;
  }

  async delete<N extends EntityName>(name: N, id: string): Promise<boolean> {
    const def = this.def(name, "write");
    const result = await runShape(this.deps.db, `delete:${def.table}`, [this.workspaceId, id], (slot) =>
      this.deps.db.deleteFrom(def.table).where("workspace_id", "=", slot(0)).where("id", "=", slot(1)),
    );
    return Number(result.numAffectedRows ?? 0) > 0;
  }

  /** Decrypts an encrypted field. Callers must never log, return or send the value to a model. */
  async reveal<N extends EntityName>(name: N, id: string, field: string): Promise<string | null> {
    const def = this.def(name, "read");
    const fld = def.fields[field];
    if (!fld || fld.kind !== "encrypted") throw new EntityInputError(def.name, field, "is not an encrypted field");
    const column = columnOf(field, fld);
    const { rows } = await runShape(this.deps.db, `reveal:${def.table}:${column}`, [this.workspaceId, id], (slot) =>
      this.deps.db.selectFrom(def.table).select(column).where("workspace_id", "=", slot(0)).where("id", "=", slot(1)),
    );
    const row = rows[0];
    if (!row) throw new EntityNotFoundError(name, id);
    const sealed = row[column];
    return sealed == null ? null : this.deps.cipher.decrypt(String(sealed), this.binding(def, id, field));
  }

  private binding(def: EntityDef, id: string, field: string) {
    return { workspace_id: this.workspaceId, entity: def.name, id, field };
  }
}
