import { ENTITIES, isEntityName, parseField, EntityInputError, type EntityDef, type EntityName } from "../entities/index.js";
import { ArithmeticError, evaluate } from "./arithmetic.js";
import { FieldError, joinPath } from "./errors.js";
import { resolveRelativeTime } from "./time-strings.js";
import { isPlainObject } from "./values.js";

/** One row to insert before the first turn, expanded and checked against the entity catalog. */
export interface GivenRow {
  entity: EntityName;
  values: Record<string, unknown>;
  /** Where the row came from in the suite, for messages: `given.Order[2] (i=5)`. */
  path: string;
}

const COMMON_FIELDS = ["id", "workspace_id", "created_at", "updated_at"] as const;
const TEMPLATE = /\{\{([^{}]*)\}\}/g;
const WHOLE_TEMPLATE = /^\{\{([^{}]*)\}\}$/;

/** `{{EXPR}}` in every string at any depth; a string that is one whole template becomes a number. */
export function expandTemplates(value: unknown, variables: Readonly<Record<string, number>>, path: string): unknown {
  if (typeof value === "string") {
    try {
      const whole = WHOLE_TEMPLATE.exec(value);
      if (whole) return evaluate(whole[1]!, variables);
      return value.replace(TEMPLATE, (_, expr: string) => String(evaluate(expr, variables)));
    } catch (e) {
      if (e instanceof ArithmeticError) throw new FieldError(path, e.message);
      throw e;
    }
  }
  if (Array.isArray(value)) return value.map((v, i) => expandTemplates(v, variables, joinPath(path, i)));
  if (isPlainObject(value)) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, expandTemplates(v, variables, joinPath(path, k))]));
  }
  return value;
}

/** Relative time strings (`now-2h`) and YAML timestamps become ISO instants, at any depth. */
export function resolveTimes(value: unknown, now: Date): unknown {
  if (value instanceof Date) return value.toISOString();
  if (typeof value === "string") return resolveRelativeTime(value, now) ?? value;
  if (Array.isArray(value)) return value.map((v) => resolveTimes(v, now));
  if (isPlainObject(value)) return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, resolveTimes(v, now)]));
  return value;
}

/**
 * The rows of a case's `given`, in the order written: `$times` rows repeated with `{{i}}`
 * expanded (templates first, then time strings), every field checked against its entity.
 */
export function expandGiven(given: Readonly<Record<string, readonly unknown[]>>, now: Date): GivenRow[] {
  const rows: GivenRow[] = [];
  for (const [entity, list] of Object.entries(given)) {
    const base = joinPath("given", entity);
    if (!isEntityName(entity)) {
      throw new FieldError(base, `unknown entity; known entities: ${Object.keys(ENTITIES).join(", ")}`);
    }
    list.forEach((raw, index) => {
      const path = joinPath(base, index);
      if (!isPlainObject(raw)) throw new FieldError(path, "a row must be a mapping of field names to values");
      const { $times, ...row } = raw;
      if ($times === undefined) {
        rows.push(checkRow(entity, resolveTimes(row, now) as Record<string, unknown>, path));
        return;
      }
      if (typeof $times !== "number" || !Number.isInteger($times) || $times < 0) {
        throw new FieldError(joinPath(path, "$times"), `must be a whole number ≥ 0, not ${JSON.stringify($times)}`);
      }
      for (let i = 0; i < $times; i++) {
        const at = `${path} (i=${i})`;
        const expanded = expandTemplates(row, { i }, at) as Record<string, unknown>;
        rows.push(checkRow(entity, resolveTimes(expanded, now) as Record<string, unknown>, at));
      }
    });
  }
  return rows;
}

function checkRow(entity: EntityName, values: Record<string, unknown>, path: string): GivenRow {
  const def = ENTITIES[entity] as unknown as EntityDef;
  if (entity === "Workspace" && values.id === undefined) throw new FieldError(joinPath(path, "id"), "a Workspace row needs its id");
  for (const [field, value] of Object.entries(values)) {
    const at = joinPath(path, field);
    if ((COMMON_FIELDS as readonly string[]).includes(field)) {
      checkCommonField(field, value, at);
      continue;
    }
    const fld = def.fields[field];
    if (!fld) throw new FieldError(at, `${entity} has no field ${field}; known fields: ${fieldNames(def).join(", ")}`);
    try {
      parseField(def, field, value);
    } catch (e) {
      if (e instanceof EntityInputError) throw new FieldError(at, e.message.replace(`${entity}.${field}: `, ""));
      throw e;
    }
  }
  return { entity, values, path };
}

function checkCommonField(field: string, value: unknown, path: string): void {
  if (typeof value !== "string" || value.trim() === "") throw new FieldError(path, "must be a non-empty string");
  if ((field === "created_at" || field === "updated_at") && Number.isNaN(Date.parse(value))) {
    throw new FieldError(path, `not a valid time: ${value}`);
  }
}

/** Every field a suite may name for an entity (encrypted fields are written, never read back). */
export function fieldNames(def: EntityDef): string[] {
  return [...COMMON_FIELDS, ...Object.keys(def.fields)];
}
