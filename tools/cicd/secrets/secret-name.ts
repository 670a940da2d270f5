import { ToolError } from "../../errors.js";

/**
 * A secret's name as pipelines read it (an environment variable): upper case letters, digits
 * and underscores, not starting with a digit. Names are matched without regard to case.
 */
export function secretName(raw: string, field = "name"): string {
  const name = nameAmongWords(raw.trim()).toUpperCase();
  if (/^[A-Z_][A-Z0-9_]{0,127}$/.test(name)) return name;
  const suggestion = name.replace(/[^A-Z0-9_]+/g, "_").replace(/^(\d)/, "_$1").slice(0, 128);
  throw new ToolError(
    "VALIDATION",
    `"${raw.trim()}" cannot name a secret: use letters, digits and underscores, not starting with a digit${suggestion ? ` (for example ${suggestion})` : ""}`,
    { field },
  );
}

/** "the JWT_SIGNING_KEY secret" → "JWT_SIGNING_KEY": one word written like a variable name among others is the name. */
function nameAmongWords(text: string): string {
  const words = text.split(/\s+/);
  if (words.length < 2) return text;
  const named = words.filter((w) => /^[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+$/.test(w));
  return named.length === 1 ? named[0]! : text;
}
