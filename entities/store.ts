import { sql, type Kysely, type SelectQueryBuilder, type Transaction } from "kysely";
import type { Cipher } from "./crypto.js";
import type { Clock } from "./clock.js";
import type { DB } from "./db.js";
import {
  EntityInputError,
  decodeRow,
  encodeField,
  fallbackOf,
  parseField,
  type EntityDef,
} from "./define.js";
import { columnOf } from "./fields.js";
import type { IdGenerator } from "./ids.js";
import { dialectOf } from "./sql.js";
import { ENTITIES, type Entities, type EntityName } from "./index.js";

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

  async find<N extends EntityName>(name: N, where: Where<N> = {}, options: FindOptions<N> = {}): Promise<Entities[N][]> {
    const def = this.def(name, "read");
    let q = this.select(name);
    for (const [col, value] of this.whereClause(def, where as Record<string, unknown>)) {
      q = value === null ? q.where(col, "is", null) : q.where(col, "=", value);
    }
    if (options.orderBy) q = q.orderBy(this.column(name, options.orderBy), options.direction ?? "asc");
    q = q.orderBy("id", "asc");
    if (options.limit) q = q.limit(options.limit);
    return this.decode(name, await q.execute());
  }

  /** The rows with these ids (any order); ids not found are simply absent. */
  async findByIds<N extends EntityName>(name: N, ids: readonly string[]): Promise<Entities[N][]> {
    const unique = [...new Set(ids)];
    if (!unique.length) return [];
    return this.decode(name, await this.select(name).where("id", "in", unique).execute());
  }

  async findOne<N extends EntityName>(name: N, where: Where<N>, options: FindOptions<N> = {}): Promise<Entities[N] | undefined> {
    return (await this.find(name, where, { ...options, limit: 1 }))[0];
  }

  async get<N extends EntityName>(name: N, id: string): Promise<Entities[N] | undefined> {
    return this.findOne(name, { id } as Where<N>);
  }

  async require<N extends EntityName>(name: N, id: string): Promise<Entities[N]> {
    const row = await this.get(name, id);
    if (!row) throw new EntityNotFoundError(name, id);
    return row;
  }

  async count<N extends EntityName>(name: N, where: Where<N> = {}): Promise<number> {
    return (await this.find(name, where)).length;
  }

  /**
   * Inserts a row. Fields left out take their defaults; `id`, `created_at` and `updated_at`
   * are generated unless given. Encrypted fields given here are sealed.
   */
  async insert<N extends EntityName>(name: N, values: NewRow<N>): Promise<Entities[N]> {
    const def = this.def(name, "write");
    const row = this.newRow(def, values);
    await this.deps.db.insertInto(def.table).values(row).execute();
    return decodeRow(def, row) as Entities[N];
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
    let q = this.deps.db.updateTable(def.table).set(set).where("workspace_id", "=", this.workspaceId).where("id", "=", id);
    for (const [col, value] of this.whereClause(def, onlyIf as Record<string, unknown>)) {
      q = value === null ? q.where(col, "is", null) : q.where(col, "=", value);
    }
    const row = await q.returningAll().executeTakeFirst();
    return row ? (decodeRow(def, row as Record<string, unknown>) as Entities[N]) : undefined;
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
    const col = sql.ref(columnOf(field, fld));
    let q = this.deps.db
      .updateTable(def.table)
      .set({ [columnOf(field, fld)]: sql`${col} + ${delta}`, updated_at: this.deps.clock.now().toISOString() })
      .where("workspace_id", "=", this.workspaceId)
      .where("id", "=", id)
      .where(col, "is not", null);
    if (options.atLeast !== undefined) q = q.where(sql`${col} + ${delta}`, ">=", options.atLeast);
    const row = await q.returningAll().executeTakeFirst();
    return row ? (decodeRow(def, row as Record<string, unknown>) as Entities[N]) : undefined;
  }

  /**
   * Locks a row of this workspace until the store's transaction ends, so code that reads and
   * then writes under it (counting toward a limit) takes turns across processes. PostgreSQL:
   * SELECT … FOR UPDATE. SQLite: nothing more to do, its transactions hold the write lock from
   * their start. Answers whether the row exists.
   */
  async lock<N extends EntityName>(name: N, id: string): Promise<boolean> {
    const def = this.def(name, "read");
    let q = this.deps.db.selectFrom(def.table).select("id").where("workspace_id", "=", this.workspaceId).where("id", "=", id);
    if (dialectOf(this.deps.db) === "postgres") q = q.forUpdate();
    return (await q.executeTakeFirst()) !== undefined;
  }

  async delete<N extends EntityName>(name: N, id: string): Promise<boolean> {
    const def = this.def(name, "write");
    const result = await this.deps.db
      .deleteFrom(def.table)
      .where("workspace_id", "=", this.workspaceId)
      .where("id", "=", id)
      .executeTakeFirst();
    return Number(result.numDeletedRows) > 0;
  }

  /** Decrypts an encrypted field. Callers must never log, return or send the value to a model. */
  async reveal<N extends EntityName>(name: N, id: string, field: string): Promise<string | null> {
    const def = this.def(name, "read");
    const fld = def.fields[field];
    if (!fld || fld.kind !== "encrypted") throw new EntityInputError(def.name, field, "is not an encrypted field");
    const row = await this.deps.db
      .selectFrom(def.table)
      .select(columnOf(field, fld))
      .where("workspace_id", "=", this.workspaceId)
      .where("id", "=", id)
      .executeTakeFirst();
    if (!row) throw new EntityNotFoundError(name, id);
    const sealed = (row as Record<string, unknown>)[columnOf(field, fld)];
    return sealed == null ? null : this.deps.cipher.decrypt(String(sealed), this.binding(def, id, field));
  }

  private binding(def: EntityDef, id: string, field: string) {
    return { workspace_id: this.workspaceId, entity: def.name, id, field };
  }
}
