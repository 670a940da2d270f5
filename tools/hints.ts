/**
 * What a tool's input fields may declare for the local provider, through zod's `.meta()`:
 *
 *   user_email: z.string().email().meta({ description: "customer email", extract: "email" })
 *   name: z.string().meta({ description: "project name", extract: "name", cues: ["called", "named"] })
 *
 * The metadata travels in the tool's JSON Schema, so the local provider (and any model) reads
 * it from what the tool declares. Without `extract`, the kind is inferred from the JSON type,
 * format, enum and the field's name.
 */
export type ExtractKind =
  | "email" // ada@example.com
  | "money" // $12.50, 12.50 USD
  | "line_items" // "2 × Product-A and 3x product-b" → [{sku, quantity}]
  | "code" // an upper-case code such as LAUNCH10
  | "id" // a prefixed id such as exec_1234 (`prefix` says which)
  | "ref_number" // "#1234", "build 57", "run 88" → 1234
  | "datetime" // "Friday 9am", "tomorrow at 3pm" → ISO 8601 (through chrono-node)
  | "duration" // "last 48h", "past 2 days", "7-day" → a number in `unit`
  | "path_list" // "/signup → /checkout" → ["/signup", "/checkout"]
  | "enum" // one of the schema's enum values (or `aliases`)
  | "enum_list" // several of the items' enum values ("run.failed and run.started")
  | "name" // a named thing: a slug (webapp-pipeline), quoted text, or the words after a cue
  | "text" // free text: quoted, after a colon, or the rest of the sentence after a cue
  | "integer"
  | "number"
  | "url"
  | "branch" // a git branch name: release/1.2
  | "cvss_vector"; // AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H

export interface ArgHint {
  description?: string;
  extract?: ExtractKind;
  /** Words that come just before the value in commands: "called", "on branch", "at". */
  cues?: readonly string[];
  /** For `id`: the id prefix, e.g. "exec". */
  prefix?: string;
  /** For `duration`: the unit of the number the tool wants. */
  unit?: "minutes" | "hours" | "days" | "weeks";
  /** For `enum`: other words for the values, e.g. { "soc 2": "SOC2" }. */
  aliases?: Readonly<Record<string, string>>;
  /**
   * On an input: never logged, never put in an approval, never sent to a model. On an output: a
   * value shown to the immediate caller once (a new API key) and kept nowhere.
   */
  secret?: boolean;
  /** On an output: for the person's screen (an SVG chart); not kept in the thread or sent to a model. */
  display?: boolean;
}
