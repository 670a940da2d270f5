import { z } from "zod";
import { columnOf, type Field, type Fields } from "./fields.js";

export interface CommonFields {
  id: string;
  workspace_id: string;
  created_at: string;
  updated_at: string;
}

type FieldValue<F> = F extends Field<infer T, any> ? T : never;
type Visible<F extends Fields> = {
  [K in keyof F as F[K]["kind"] extends "encrypted" ? never : K]: FieldValue<F[K]>;
};
export type EntityShape<F extends Fields> = CommonFields & Visible<F>;

export interface EntityDef<N extends string = string, F extends Fields = Fields> {
  readonly name: N;
  readonly table: string;
  /** Prefix of generated ids: `ord` gives `ord_…`. */
  readonly prefix: string;
  readonly fields: F;
  /** Column sets unique within a workspace. */
  readonly unique: readonly (readonly string[])[];
  readonly indexes: readonly (readonly string[])[];
  /**
   * Indexes across workspaces, for the few lookups that learn the workspace from the row they
   * find (a credential by its hash). Every other index starts with the workspace.
   */
  readonly globalIndexes: readonly (readonly string[])[];
  /** Which field is the owner for "my …" rows, if any. */
  readonly ownerField?: string;
  /** Schema of the entity as everyone outside the store sees it. */
  readonly schema: z.ZodType<EntityShape<F>>;
}

export function defineEntity<const N extends string, const F extends Fields>(def: {
  name: N;
  table: string;
  prefix: string;
  fields: F;
  unique?: readonly (readonly string[])[];
  indexes?: readonly (readonly string[])[];
  globalIndexes?: readonly (readonly string[])[];
  ownerField?: string;
}): EntityDef<N, F> {
  const shape: Record<string, z.ZodType> = {
    id: z.string(),
    workspace_id: z.string(),
    created_at: z.string(),
    updated_at: z.string(),
  };
  for (const [name, fld] of Object.entries(def.fields)) {
    if (fld.kind !== "encrypted") shape[name] = fld.schema;
  }
  return {
    ...def,
    unique: def.unique ?? [],
    indexes: def.indexes ?? [],
    globalIndexes: def.globalIndexes ?? [],
    schema: z.object(shape) as unknown as z.ZodType<EntityShape<F>>,
  };
}

export class EntityInputError extends Error {
  constructor(
    readonly entity: string,
    readonly field: string,
    message: string,
  ) {
    super(`${entity}.${field}: ${message}`);
    this.name = "EntityInputError";
  }
}

/** Validates a (partial) entity value for one field, answering the value as the entity holds it. */
export function parseField(def: EntityDef, name: string, value: unknown): unknown {
  const fld = def.fields[name];
  if (!fld) {
    throw new EntityInputError(def.name, name, `unknown field; known fields: ${Object.keys(def.fields).join(", ")}`);
  }
  if (value === null && !fld.nullable) throw new EntityInputError(def.name, name, "may not be null");
  if (fld.accepts?.(value)) return value;
  const parsed = fld.schema.safeParse(value);
  if (!parsed.success) {
    throw new EntityInputError(def.name, name, parsed.error.issues.map((i) => i.message).join("; "));
  }
  return parsed.data;
}

export function fallbackOf(fld: Field): unknown {
  return typeof fld.fallback === "function" ? (fld.fallback as () => unknown)() : fld.fallback;
}

/** Entity value → column value (encrypted fields are the store's business). */
export function encodeField(fld: Field, value: unknown): unknown {
  if (value === null || value === undefined) return null;
  switch (fld.kind) {
    case "money":
      return Math.round((value as number) * 100);
    case "json":
      return JSON.stringify(value);
    case "bool":
      return value ? 1 : 0;
    case "time":
      return typeof value === "string" ? new Date(value).toISOString() : (value as Date).toISOString();
    default:
      return value;
  }
}

/** ISO 8601 UTC as `toISOString` writes it: what the store writes and reads back on both databases. */
const CANONICAL_TIME = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/;

function decodeTime(value: unknown): string {
  if (typeof value === "string" && value.length === 24 && CANONICAL_TIME.test(value)) return value;
  return value instanceof Date ? value.toISOString() : new Date(String(value)).toISOString();
}

export function decodeField(fld: Field, value: unknown): unknown {
  if (value === null || value === undefined) return null;
  switch (fld.kind) {
    case "money":
      return Number(value) / 100;
    case "json":
      return typeof value === "string" ? JSON.parse(value) : value;
    case "bool":
      return value === 1 || value === true || value === "1" || value === "t";
    case "time":
      return decodeTime(value);
    case "int":
    case "real":
      return Number(value);
    default:
      return value;
  }
}

/** A visible field of an entity and its column. */
export interface FieldColumn {
  name: string;
  column: string;
  field: Field;
}

const visibleColumns = new WeakMap<EntityDef, readonly FieldColumn[]>();

/** The entity's fields that rows show (all but the encrypted ones), with their columns, in order. */
export function fieldColumns(def: EntityDef): readonly FieldColumn[] {
  let columns = visibleColumns.get(def);
  if (!columns) {
    columns = Object.entries(def.fields)
      .filter(([, field]) => field.kind !== "encrypted")
      .map(([name, field]) => ({ name, column: columnOf(name, field), field }));
    visibleColumns.set(def, columns);
  }
  return columns;
}

/** A row as the entity shows it; with `only`, just those fields (the row holds only their columns). */
export function decodeRow(def: EntityDef, row: Record<string, unknown>, only?: readonly FieldColumn[]): Record<string, unknown> {
  const out: Record<string, unknown> = {
    id: row.id,
    workspace_id: row.workspace_id,
    created_at: decodeTime(row.created_at),
    updated_at: decodeTime(row.updated_at),
  };
  for (const { name, column, field } of only ?? fieldColumns(def)) out[name] = decodeField(field, row[column]);
  return out;
}
