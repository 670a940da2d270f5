import { z } from "zod";

export type JsonSchema = Record<string, unknown>;

/**
 * Keys our zod `.meta()` adds for the local provider and the door (`tools/hints.ts`): no MCP
 * client should see them. `secret` and `display` are read first, to shape the safe output.
 */
const HINT_KEYS = new Set(["extract", "cues", "prefix", "unit", "aliases", "secret", "display"]);
/** Keywords whose value is one schema, a list of schemas, or a map of names to schemas. */
const ONE = new Set(["items", "additionalProperties", "not", "if", "then", "else", "contains", "propertyNames"]);
const MANY = new Set(["anyOf", "oneOf", "allOf", "prefixItems"]);
const MAP = new Set(["properties", "patternProperties", "definitions", "$defs", "dependentSchemas"]);

const isObject = (v: unknown): v is JsonSchema => typeof v === "object" && v !== null && !Array.isArray(v);

/** A copy without our hint keys, at every depth (a property *named* `unit` stays). */
export function stripHints(schema: JsonSchema): JsonSchema {
  const out: JsonSchema = {};
  for (const [key, value] of Object.entries(schema)) {
    if (HINT_KEYS.has(key)) continue;
    if (ONE.has(key) && isObject(value)) out[key] = stripHints(value);
    else if (MANY.has(key) && Array.isArray(value)) out[key] = value.map((v) => (isObject(v) ? stripHints(v) : v));
    else if (MAP.has(key) && isObject(value)) out[key] = Object.fromEntries(Object.entries(value).map(([k, v]) => [k, isObject(v) ? stripHints(v) : v]));
    else out[key] = value;
  }
  return out;
}

/** JSON Schema draft-07 (what the SDK's validators compile), without `$schema`. */
function toJson(schema: z.ZodType, io: "input" | "output"): JsonSchema {
  const json = z.toJSONSchema(schema, { io, target: "draft-7", unrepresentable: "any" }) as JsonSchema;
  delete json.$schema;
  return json;
}

/** A tool's arguments as MCP clients see them. */
export function inputSchemaOf(input: z.ZodObject): JsonSchema & { type: "object" } {
  const json = stripHints(toJson(input, "input"));
  return { ...json, type: "object", properties: (json.properties as JsonSchema | undefined) ?? {} };
}

const marked = (s: JsonSchema, key: "secret" | "display"): boolean =>
  s[key] === true || [...((s.anyOf as unknown[]) ?? []), ...((s.oneOf as unknown[]) ?? [])].some((b) => isObject(b) && b[key] === true);

const allowsNull = (s: JsonSchema): boolean =>
  s.type === "null" || (Array.isArray(s.type) && s.type.includes("null")) || ((s.anyOf as unknown[]) ?? []).some((b) => isObject(b) && allowsNull(b));

/**
 * The output the door calls safe (`splitOutput` in tools/redact.ts): display-only fields (charts)
 * left out, values shown once replaced by a placeholder string. Walks objects the way
 * `splitOutput` does: through properties and nullable branches, not into arrays.
 */
function safeShape(schema: JsonSchema): JsonSchema {
  const out: JsonSchema = { ...schema };
  for (const key of ["anyOf", "oneOf"] as const) {
    if (Array.isArray(schema[key])) out[key] = (schema[key] as unknown[]).map((b) => (isObject(b) ? safeShape(b) : b));
  }
  if (!isObject(schema.properties)) return out;
  const properties: JsonSchema = {};
  const dropped = new Set<string>();
  for (const [name, prop] of Object.entries(schema.properties)) {
    if (!isObject(prop)) continue;
    if (marked(prop, "display")) {
      dropped.add(name);
      continue;
    }
    if (marked(prop, "secret")) {
      // "[shown once; not stored]" stands in for the value, so only the string type remains.
      const nullable = allowsNull(prop);
      properties[name] = { type: nullable ? ["string", "null"] : "string", ...(prop.description ? { description: `${prop.description} (here always "[shown once; not stored]"; the value itself is in this call's text content only)` } : {}) };
      continue;
    }
    properties[name] = safeShape(prop);
  }
  out.properties = properties;
  if (Array.isArray(schema.required)) out.required = (schema.required as string[]).filter((n) => !dropped.has(n));
  return out;
}

/** The `structuredContent` a tool answers: its safe output, as JSON Schema with an object at the top. */
export function outputSchemaOf(output: z.ZodType): JsonSchema & { type: "object" } {
  const json = stripHints(safeShape(toJson(output, "output")));
  return { ...json, type: "object" };
}
