import { z } from "zod";

/**
 * How a field is stored. The entity (what tools, suites and APIs see) and the row (what the
 * database holds) differ only where the kind says so: money is integer cents in a `<name>_cents`
 * column, JSON is text, booleans are 0/1, times are ISO 8601 UTC text, and encrypted fields
 * live in a `<name>_enc` column and never appear in the entity at all.
 */
export type FieldKind = "text" | "int" | "real" | "money" | "bool" | "json" | "time" | "encrypted";

export interface Field<T = unknown, K extends FieldKind = FieldKind> {
  readonly kind: K;
  readonly schema: z.ZodType<T>;
  /** Value used when an insert leaves the field out; a function is called per insert. */
  readonly fallback: T | (() => T) | undefined;
  readonly nullable: boolean;
  readonly description?: string;
  /** Values the schema answers unchanged, told apart without running it (a plain string for text). */
  readonly accepts?: (value: unknown) => boolean;
}

function field<T, K extends FieldKind>(
  kind: K,
  schema: z.ZodType<T>,
  fallback: T | (() => T) | undefined,
  nullable: boolean,
  accepts?: (value: unknown) => boolean,
): Field<T, K> {
  return { kind, schema, fallback, nullable, ...(accepts ? { accepts: nullable ? (v: unknown) => v === null || accepts(v) : accepts } : {}) };
}

const isString = (v: unknown) => typeof v === "string";
const isInteger = (v: unknown) => Number.isSafeInteger(v);
const isFiniteNumber = (v: unknown) => typeof v === "number" && Number.isFinite(v);
const isBoolean = (v: unknown) => typeof v === "boolean";
/** ISO 8601 UTC as `toISOString` writes it, of a real time (not month 13, not 25 o'clock): the time schema answers it unchanged. */
const isCanonicalTime = (v: unknown) =>
  typeof v === "string" && v.length === 24 && /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/.test(v) && !Number.isNaN(Date.parse(v));

const isoTime = z
  .union([z.string(), z.date()])
  .transform((v, ctx) => {
    const d = v instanceof Date ? v : new Date(v);
    if (Number.isNaN(d.getTime())) {
      ctx.addIssue({ code: "custom", message: `not a valid time: ${String(v)}` });
      return z.NEVER;
    }
    return d.toISOString();
  }) as unknown as z.ZodType<string>;

const moneyValue = z
  .union([z.number(), z.string().regex(/^-?\d+(\.\d+)?$/)])
  .transform((v, ctx) => {
    const n = typeof v === "number" ? v : Number(v);
    if (!Number.isFinite(n)) {
      ctx.addIssue({ code: "custom", message: "money must be a finite number" });
      return z.NEVER;
    }
    if (Math.abs(n * 100 - Math.round(n * 100)) > 1e-6) {
      ctx.addIssue({ code: "custom", message: `money is exact to the cent; ${n} has more decimals` });
      return z.NEVER;
    }
    return Math.round(n * 100) / 100;
  }) as unknown as z.ZodType<number>;

export const f = {
  text: (fallback?: string) => field("text", z.string(), fallback, false, isString),
  textOrNull: (fallback: string | null = null) =>
    field("text", z.string().nullable(), fallback, true, isString),
  enum: <const V extends readonly [string, ...string[]]>(values: V, fallback?: V[number]) =>
    field("text", z.enum(values) as unknown as z.ZodType<V[number]>, fallback, false),
  enumOrNull: <const V extends readonly [string, ...string[]]>(values: V, fallback: V[number] | null = null) =>
    field("text", (z.enum(values) as unknown as z.ZodType<V[number]>).nullable(), fallback, true),
  int: (fallback?: number) => field("int", z.coerce.number().int(), fallback, false, isInteger),
  intOrNull: (fallback: number | null = null) =>
    field("int", z.coerce.number().int().nullable(), fallback, true, isInteger),
  real: (fallback?: number) => field("real", z.coerce.number(), fallback, false, isFiniteNumber),
  realOrNull: (fallback: number | null = null) =>
    field("real", z.coerce.number().nullable(), fallback, true, isFiniteNumber),
  money: (fallback?: number) => field("money", moneyValue, fallback, false),
  moneyOrNull: (fallback: number | null = null) => field("money", moneyValue.nullable(), fallback, true),
  bool: (fallback?: boolean) => field("bool", z.boolean(), fallback, false, isBoolean),
  json: <T>(schema: z.ZodType<T>, fallback: () => T) => field("json", schema, fallback, false),
  jsonOrNull: <T>(schema: z.ZodType<T>) => field("json", schema.nullable(), null as T | null, true),
  time: (fallback?: () => string) => field("time", isoTime, fallback, false, isCanonicalTime),
  timeOrNull: () => field("time", isoTime.nullable(), null as string | null, true, isCanonicalTime),
  /** An encrypted value: write-only through the store; read back only with `store.reveal`. */
  encrypted: () => field("encrypted", z.string().nullable(), null as string | null, true),
} as const;

export type Fields = Record<string, Field<any, FieldKind>>;

/** The column that stores a field. */
export function columnOf(name: string, fld: Field): string {
  if (fld.kind === "money") return `${name}_cents`;
  if (fld.kind === "encrypted") return `${name}_enc`;
  return name;
}
