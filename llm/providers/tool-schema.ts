import type { JsonSchema, LlmToolDef } from "../types.js";

/** Keys our tools add to their JSON Schema for the local provider; no model API should see them. */
export const HINT_KEYS = ["extract", "cues", "prefix", "unit", "aliases", "secret"] as const;

/** Keywords whose value is one schema. */
const SCHEMA_KEYS = ["items", "additionalProperties", "not", "if", "then", "else", "contains", "propertyNames", "unevaluatedItems", "unevaluatedProperties"];
/** Keywords whose value is a list of schemas. */
const SCHEMA_LIST_KEYS = ["anyOf", "oneOf", "allOf", "prefixItems"];
/** Keywords whose value maps names to schemas (the names are data: a property called `unit` stays). */
const SCHEMA_MAP_KEYS = ["properties", "patternProperties", "$defs", "definitions", "dependentSchemas"];

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

/** A copy of the schema without our hint keys, at every depth; the input is not changed. */
export function stripHints(schema: JsonSchema): JsonSchema {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(schema)) {
    if ((HINT_KEYS as readonly string[]).includes(key)) continue;
    if (SCHEMA_KEYS.includes(key) && isObject(value)) out[key] = stripHints(value as JsonSchema);
    else if (SCHEMA_LIST_KEYS.includes(key) && Array.isArray(value)) out[key] = value.map((v) => (isObject(v) ? stripHints(v as JsonSchema) : v));
    else if (SCHEMA_MAP_KEYS.includes(key) && isObject(value)) {
      out[key] = Object.fromEntries(Object.entries(value).map(([name, v]) => [name, isObject(v) ? stripHints(v as JsonSchema) : v]));
    } else out[key] = value;
  }
  return out as JsonSchema;
}

/** Function calling requires an object schema at the top, even for a tool without arguments. */
function objectSchema(schema: JsonSchema): JsonSchema {
  const clean = stripHints(schema);
  return clean.type === "object" ? clean : { ...clean, type: "object", properties: clean.properties ?? {} };
}

export interface OpenAIFunctionTool {
  type: "function";
  function: { name: string; description: string; parameters: JsonSchema };
}

export interface AnthropicTool {
  name: string;
  description: string;
  input_schema: JsonSchema & { type: "object" };
}

export function toOpenAITool(tool: LlmToolDef): OpenAIFunctionTool {
  return { type: "function", function: { name: tool.name, description: tool.description, parameters: objectSchema(tool.parameters) } };
}

export function toAnthropicTool(tool: LlmToolDef): AnthropicTool {
  return { name: tool.name, description: tool.description, input_schema: objectSchema(tool.parameters) as AnthropicTool["input_schema"] };
}
