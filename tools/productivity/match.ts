import { ToolError } from "../errors.js";
import { squash } from "./text.js";

export interface Reference<T> {
  /** What the rows are, for messages: "project", "note". */
  what: string;
  /** Whose rows were searched, for messages: "your projects". */
  among: string;
  /** The input field the reference came from, for `details.field`. */
  field: string;
  id: (row: T) => string;
  label: (row: T) => string;
}

function normalize(text: string): string {
  return squash(text.replace(/^["'“‘]+|["'”’.!?]+$/gu, "")).toLowerCase();
}

/** Words that lead into a reference rather than belong to it: "about ACME", "called Q3 Planning". */
const LEAD_IN = /^(?:(?:about|on|regarding|re|called|named|titled|the|my|our|that|this)\s+)+/;

/**
 * Picks the one row a person meant by `ref`: its id, or its name or text, matched without
 * regard to case: exactly, then by the beginning, then anywhere — each as said and without the
 * words leading into it ("about ACME" → "ACME"). Several rows at the first
 * stage that matches is a question back to the person; none at all is NOT_FOUND, naming what
 * there is.
 */
export function pickByReference<T>(rows: readonly T[], ref: string, how: Reference<T>): T {
  const byId = rows.find((r) => how.id(r) === ref.trim());
  if (byId) return byId;
  const full = normalize(ref);
  const wanted = [...new Set([full, full.replace(LEAD_IN, "")])].filter(Boolean);
  const stages: ((label: string, w: string) => boolean)[] = [
    (label, w) => label === w,
    (label, w) => label.startsWith(w),
    (label, w) => label.includes(w),
  ];
  for (const matches of stages) {
    for (const w of wanted) {
      const found = rows.filter((r) => matches(normalize(how.label(r)), w));
      if (found.length === 1) return found[0]!;
      if (found.length > 1) {
        const labels = found.map(how.label);
        throw new ToolError("VALIDATION", `"${ref}" matches ${found.length} of ${how.among}: ${labels.join("; ")}. Which one?`, {
          field: how.field,
          allowed: labels,
          ask: true,
        });
      }
    }
  }
  const known = rows.map(how.label).slice(0, 10);
  const hint = known.length ? `; there are: ${known.join("; ")}` : "; there are none yet";
  throw new ToolError("NOT_FOUND", `No ${how.what} "${ref}" among ${how.among}${hint}`, { field: how.field, allowed: known });
}
