import { FieldError, joinPath } from "./errors.js";
import { isPlainObject } from "./values.js";
import { expectedInstant, isoInstant } from "./time-strings.js";

/**
 * The matchers of `where` and `fields` (FORMAT.md): plain values mean equality (numbers within
 * 1e-6, times as instants), plain objects match partially, and operator objects (`$contains`,
 * `$all`, `$regex`, `$gt`…, `$in`, `$exists`, `$len`, `$not`) must all hold.
 */
export const OPERATORS = ["$contains", "$all", "$regex", "$gt", "$gte", "$lt", "$lte", "$in", "$exists", "$len", "$not"] as const;
export type Operator = (typeof OPERATORS)[number];

export interface MatchContext {
  /** The case's clock, for relative time strings such as `now-3d`. */
  now: Date;
}

const EPSILON = 1e-6;
const SYMBOLS = { $gt: ">", $gte: "≥", $lt: "<", $lte: "≤" } as const;
const COMPARATORS = {
  $gt: (a: number, b: number) => a > b,
  $gte: (a: number, b: number) => a >= b,
  $lt: (a: number, b: number) => a < b,
  $lte: (a: number, b: number) => a <= b,
} as const;
type Comparator = keyof typeof COMPARATORS;

export function isOperatorObject(value: unknown): value is Partial<Record<Operator, unknown>> {
  return isPlainObject(value) && Object.keys(value).some((k) => k.startsWith("$"));
}

export function matches(actual: unknown, expected: unknown, ctx: MatchContext): boolean {
  return mismatch(actual, expected, ctx) === null;
}

/** Null when `actual` matches `expected`; otherwise what was expected and what was found. */
export function mismatch(actual: unknown, expected: unknown, ctx: MatchContext): string | null {
  if (isOperatorObject(expected)) {
    for (const [op, operand] of Object.entries(expected)) {
      const problem = operatorMismatch(op as Operator, actual, operand, ctx);
      if (problem) return problem;
    }
    return null;
  }
  if (isPlainObject(expected)) {
    if (!isPlainObject(actual)) return `expected an object like ${show(expected)}, found ${show(actual)}`;
    for (const [key, value] of Object.entries(expected)) {
      const problem = mismatch(actual[key], value, ctx);
      if (problem) return `${key}: ${problem}`;
    }
    return null;
  }
  if (Array.isArray(expected)) {
    if (!Array.isArray(actual) || actual.length !== expected.length) {
      return `expected ${show(expected)}, found ${show(actual)}`;
    }
    for (let i = 0; i < expected.length; i++) {
      const problem = mismatch(actual[i], expected[i], ctx);
      if (problem) return `[${i}]: ${problem}`;
    }
    return null;
  }
  return equals(actual, expected, ctx) ? null : `expected ${show(expected)}, found ${show(actual)}`;
}

/** Equality of plain values: numbers within 1e-6, times as instants, null also meaning absent. */
export function equals(actual: unknown, expected: unknown, ctx: MatchContext): boolean {
  if (expected === null || expected === undefined) return actual === null || actual === undefined;
  if (typeof expected === "number") return typeof actual === "number" && Math.abs(actual - expected) <= EPSILON;
  if (typeof expected === "string" && actual === expected) return true;
  if (typeof expected === "string" || expected instanceof Date) {
    const want = expectedInstant(expected, ctx.now);
    const got = isoInstant(actual);
    return want !== undefined && got !== undefined && want === got;
  }
  if (Array.isArray(expected) || isPlainObject(expected)) return mismatch(actual, expected, ctx) === null;
  return actual === expected;
}

function operatorMismatch(op: Operator, actual: unknown, operand: unknown, ctx: MatchContext): string | null {
  switch (op) {
    case "$contains":
      if (typeof actual === "string" && (typeof operand === "string" || typeof operand === "number")) {
        return actual.toLowerCase().includes(String(operand).toLowerCase())
          ? null
          : `expected a string containing ${show(operand)}, found ${show(actual)}`;
      }
      if (Array.isArray(actual)) {
        return actual.some((el) => matches(el, operand, ctx))
          ? null
          : `expected an array with an element matching ${show(operand)}, found ${show(actual)}`;
      }
      return `expected a string or array containing ${show(operand)}, found ${show(actual)}`;
    case "$all": {
      if (!Array.isArray(actual)) return `expected an array containing all of ${show(operand)}, found ${show(actual)}`;
      const missing = (operand as unknown[]).filter((want) => !actual.some((el) => matches(el, want, ctx)));
      return missing.length === 0 ? null : `expected an array with elements matching ${show(missing)}, found ${show(actual)}`;
    }
    case "$regex":
      return typeof actual === "string" && new RegExp(String(operand), "i").test(actual)
        ? null
        : `expected a string matching /${String(operand)}/i, found ${show(actual)}`;
    case "$gt":
    case "$gte":
    case "$lt":
    case "$lte":
      return compare(op, actual, operand, ctx) ? null : `expected ${SYMBOLS[op]} ${show(operand)}, found ${show(actual)}`;
    case "$in":
      return (operand as unknown[]).some((v) => equals(actual, v, ctx)) ? null : `expected one of ${show(operand)}, found ${show(actual)}`;
    case "$exists": {
      const present = actual !== null && actual !== undefined;
      if (present === operand) return null;
      return operand ? "expected a value, found none" : `expected no value, found ${show(actual)}`;
    }
    case "$len": {
      if (typeof actual !== "string" && !Array.isArray(actual)) return `expected a string or array, found ${show(actual)}`;
      const problem = mismatch(actual.length, operand, ctx);
      return problem ? `length: ${problem}` : null;
    }
    case "$not":
      return matches(actual, operand, ctx) ? `expected not ${show(operand)}, found ${show(actual)}` : null;
  }
}

function compare(op: Comparator, actual: unknown, operand: unknown, ctx: MatchContext): boolean {
  if (typeof operand === "number") return typeof actual === "number" && COMPARATORS[op](actual, operand);
  const want = expectedInstant(operand, ctx.now);
  const got = isoInstant(actual);
  return want !== undefined && got !== undefined && COMPARATORS[op](got, want);
}

/**
 * Checks a matcher as written in a suite, before anything runs: known operators with operands
 * of the right kind, regular expressions that compile, times that parse.
 */
export function validateMatcher(expected: unknown, path: string): void {
  if (Array.isArray(expected)) {
    expected.forEach((v, i) => validateMatcher(v, joinPath(path, i)));
    return;
  }
  if (!isPlainObject(expected)) return;
  if (!isOperatorObject(expected)) {
    for (const [key, value] of Object.entries(expected)) validateMatcher(value, joinPath(path, key));
    return;
  }
  for (const [key, operand] of Object.entries(expected)) {
    const at = joinPath(path, key);
    if (!(OPERATORS as readonly string[]).includes(key)) {
      throw new FieldError(
        at,
        key.startsWith("$")
          ? `unknown operator; known operators: ${OPERATORS.join(", ")}`
          : "an object with operators may hold only operators",
      );
    }
    validateOperand(key as Operator, operand, at);
  }
}

function validateOperand(op: Operator, operand: unknown, path: string): void {
  const fail = (what: string): never => {
    throw new FieldError(path, `${op} takes ${what}, not ${show(operand)}`);
  };
  switch (op) {
    case "$contains":
    case "$not":
      if (operand === undefined) fail("a value");
      validateMatcher(operand, path);
      return;
    case "$all":
    case "$in":
      if (!Array.isArray(operand)) fail("a list");
      validateMatcher(operand, path);
      return;
    case "$regex":
      if (typeof operand !== "string") fail("a regular expression in a string");
      try {
        new RegExp(operand as string, "i");
      } catch (e) {
        fail(`a valid regular expression (${(e as Error).message})`);
      }
      return;
    case "$gt":
    case "$gte":
    case "$lt":
    case "$lte":
      if (typeof operand === "number" || operand instanceof Date) return;
      if (expectedInstant(operand, new Date(0)) === undefined) fail("a number or a time (ISO 8601 or now±…)");
      return;
    case "$exists":
      if (typeof operand !== "boolean") fail("true or false");
      return;
    case "$len":
      if (typeof operand === "number" && Number.isInteger(operand) && operand >= 0) return;
      if (!isOperatorObject(operand)) fail("a whole number or a numeric matcher such as {$gte: 1}");
      validateMatcher(operand, path);
      return;
  }
}

/** A value as failure messages show it: JSON, cut to a readable length. */
export function show(value: unknown, max = 160): string {
  if (value === undefined) return "nothing";
  const text = typeof value === "string" ? JSON.stringify(value) : JSON.stringify(value, replacer) ?? String(value);
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

function replacer(_key: string, value: unknown): unknown {
  return value instanceof Date ? value.toISOString() : value;
}
