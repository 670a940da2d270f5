import { ToolError } from "../../errors.js";

export interface Candidates<T> {
  /** What the rows are, for messages: "pipeline", "webhook". */
  what: string;
  /** The input field the reference came from. */
  field: string;
  id: (row: T) => string;
  /** The texts a person may use for the row, most specific first (a name, a URL). */
  labels: (row: T) => readonly string[];
}

const clean = (text: string) => text.trim().replace(/^["'“‘]+|["'”’.!?]+$/gu, "").toLowerCase();

/**
 * The one row a person meant: its id, or a label matched without regard to case — exactly,
 * then by its beginning, then anywhere. Several rows at the first stage that matches is a
 * question back; none is NOT_FOUND naming what there is.
 */
export function pickOne<T>(rows: readonly T[], ref: string, how: Candidates<T>): T {
  const wanted = clean(ref);
  const byId = rows.find((r) => how.id(r).toLowerCase() === wanted);
  if (byId) return byId;
  const stages: ((label: string) => boolean)[] = [(l) => l === wanted, (l) => l.startsWith(wanted), (l) => l.includes(wanted)];
  for (const matches of wanted ? stages : []) {
    const found = rows.filter((r) => how.labels(r).some((l) => matches(l.toLowerCase())));
    if (found.length === 1) return found[0]!;
    if (found.length > 1) {
      const names = found.map((r) => how.labels(r)[0] ?? how.id(r));
      throw new ToolError("VALIDATION", `"${ref}" matches ${found.length} ${how.what}s: ${names.join("; ")}. Which one?`, {
        field: how.field,
        allowed: names,
        ask: true,
      });
    }
  }
  const known = rows.slice(0, 10).map((r) => how.labels(r)[0] ?? how.id(r));
  const there = known.length ? `; there are: ${known.join("; ")}` : `; there are no ${how.what}s yet`;
  throw new ToolError("NOT_FOUND", `No ${how.what} "${ref}" in this workspace${there}`, { field: how.field, allowed: known });
}
