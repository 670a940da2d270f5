import type { JsonSchema } from "../../types.js";

/** What the local provider knows about one argument of a tool, read from its JSON Schema. */
export type ParamKind =
  | "email" | "money" | "line_items" | "code" | "id" | "ref_number" | "datetime" | "duration" | "path_list"
  | "enum" | "enum_list" | "name" | "text" | "integer" | "number" | "url" | "branch" | "cvss_vector" | "boolean";

export interface ParamSpec {
  name: string;
  kind: ParamKind;
  required: boolean;
  description: string;
  cues: string[];
  prefix?: string;
  unit?: "minutes" | "hours" | "days" | "weeks";
  aliases: Record<string, string>;
  enumValues: string[];
  isArray: boolean;
}

const KNOWN = new Set<ParamKind>([
  "email", "money", "line_items", "code", "id", "ref_number", "datetime", "duration", "path_list", "enum", "enum_list",
  "name", "text", "integer", "number", "url", "branch", "cvss_vector", "boolean",
]);

/** Unwraps nullable/optional unions to the schema that carries the value. */
function core(schema: JsonSchema): JsonSchema {
  const alts = schema.anyOf ?? schema.oneOf;
  if (alts) {
    const real = alts.filter((a) => a.type !== "null");
    if (real.length === 1) return { ...real[0]!, ...stripAlts(schema) };
  }
  return schema;
}

function stripAlts(schema: JsonSchema): JsonSchema {
  const { anyOf: _a, oneOf: _o, ...rest } = schema;
  return rest;
}

function inferKind(name: string, s: JsonSchema): ParamKind {
  const type = Array.isArray(s.type) ? s.type.find((t) => t !== "null") : s.type;
  if (s.enum) return "enum";
  if (type === "array") {
    const items = core(s.items ?? {});
    if (items.enum) return "enum_list";
    if (items.properties && "sku" in items.properties) return "line_items";
    if (/path|step/.test(name)) return "path_list";
    return "enum_list";
  }
  if (type === "integer") return /number|build|run/.test(name) ? "ref_number" : "integer";
  if (type === "number") return /amount|price|total/.test(name) ? "money" : "number";
  if (type === "boolean") return "boolean";
  if (s.format === "email" || /email/.test(name)) return "email";
  if (s.format === "uri" || s.format === "url" || /url/.test(name)) return "url";
  if (s.format === "date-time" || /_at$|date|time/.test(name)) return "datetime";
  if (/_id$|^id$/.test(name)) return "id";
  if (/name|title/.test(name)) return "name";
  return "text";
}

export function paramsOf(schema: JsonSchema): ParamSpec[] {
  const required = new Set(schema.required ?? []);
  return Object.entries(schema.properties ?? {}).map(([name, raw]) => {
    const s = core(raw);
    const hinted = typeof s.extract === "string" && KNOWN.has(s.extract as ParamKind) ? (s.extract as ParamKind) : undefined;
    const items = s.items ? core(s.items) : undefined;
    const enumValues = ((s.enum ?? items?.enum ?? []) as unknown[]).filter((v): v is string => typeof v === "string");
    const type = Array.isArray(s.type) ? s.type.find((t) => t !== "null") : s.type;
    return {
      name,
      kind: hinted ?? inferKind(name, s),
      required: required.has(name) && s.default === undefined,
      description: s.description ?? "",
      cues: (s.cues ?? []).map((c) => c.toLowerCase()),
      prefix: s.prefix,
      unit: s.unit as ParamSpec["unit"],
      aliases: Object.fromEntries(Object.entries(s.aliases ?? {}).map(([k, v]) => [k.toLowerCase(), v])),
      enumValues,
      isArray: type === "array",
    };
  });
}
