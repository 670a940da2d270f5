import * as chrono from "chrono-node";
import { NUMBER_WORDS, parseNumberWord } from "./text.js";

/**
 * Typed values found in a command, each with where it stands. Extraction runs kind by kind;
 * a later kind never claims characters an earlier one took, so "2 × Product-A" is a line item,
 * not a number and a slug.
 */
export type SpanKind =
  | "url"
  | "email"
  | "cvss_vector"
  | "quoted"
  | "id"
  | "line_item"
  | "ref_number"
  | "path"
  | "money"
  | "duration"
  | "datetime"
  | "code"
  | "branch"
  | "slug"
  | "number";

export interface Span {
  kind: SpanKind;
  start: number;
  end: number;
  text: string;
  value: unknown;
}

export interface Duration {
  amount: number;
  unit: "minutes" | "hours" | "days" | "weeks" | "months";
}

const NUM_WORD = Object.keys(NUMBER_WORDS).filter((w) => w !== "a" && w !== "an" && w !== "pair" && w !== "couple").join("|");
const QTY = `(?:\\d+|${NUM_WORD})`;
const SKU = `[A-Za-z][A-Za-z0-9]*(?:[-_][A-Za-z0-9]+)+`;

const UNIT: Record<string, Duration["unit"]> = {
  m: "minutes", min: "minutes", mins: "minutes", minute: "minutes", minutes: "minutes",
  h: "hours", hr: "hours", hrs: "hours", hour: "hours", hours: "hours",
  d: "days", day: "days", days: "days",
  w: "weeks", wk: "weeks", wks: "weeks", week: "weeks", weeks: "weeks",
  month: "months", months: "months",
};

interface Rule {
  kind: SpanKind;
  pattern: RegExp;
  value: (m: RegExpExecArray) => unknown;
  /** Which capture group is the span (default the whole match). */
  group?: number;
}

const RULES: Rule[] = [
  { kind: "url", pattern: /\bhttps?:\/\/[^\s"'<>]+[^\s"'<>.,;:!?)]/gi, value: (m) => m[0] },
  { kind: "email", pattern: /\b[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+\b/g, value: (m) => m[0] },
  {
    kind: "cvss_vector",
    pattern: /\b(?:CVSS:3\.[01]\/)?AV:[NALP]\/AC:[LH]\/PR:[NLH]\/UI:[NR]\/S:[UC]\/C:[NLH]\/I:[NLH]\/A:[NLH](?:\/[A-Za-z]+:[A-Za-z])*/g,
    value: (m) => m[0],
  },
  { kind: "quoted", pattern: /"([^"]+)"|'([^']{2,})'(?![a-z])/g, value: (m) => m[1] ?? m[2] },
  { kind: "id", pattern: /\b[a-z]{2,6}_[A-Za-z0-9]+\b/g, value: (m) => m[0] },
  {
    kind: "line_item",
    pattern: new RegExp(`\\b(${QTY})\\s*(?:×|x|\\*|X)?\\s*(${SKU})\\b`, "gi"),
    value: (m) => ({ quantity: parseNumberWord(m[1]!) ?? 1, sku: m[2] }),
  },
  {
    kind: "ref_number",
    pattern: /(?:#\s?(\d+)\b|\b(?:build|run|job|number|no\.?)\s*#?\s*(\d+)\b)/gi,
    value: (m) => Number(m[1] ?? m[2]),
  },
  { kind: "path", pattern: /(?<![\w.])\/[A-Za-z0-9_\-./]*[A-Za-z0-9_\-]|(?<![\w.])\/(?=\s|$)/g, value: (m) => m[0] },
  {
    kind: "money",
    pattern: /(?:\$\s?(\d+(?:[.,]\d{1,2})?)|\b(\d+(?:\.\d{1,2})?)\s?(?:usd|dollars?|eur|euros?)\b)/gi,
    value: (m) => Number((m[1] ?? m[2])!.replace(",", ".")),
  },
  {
    kind: "duration",
    pattern: new RegExp(
      `\\b(?:(?:last|past|previous|next|over the last|over the past|in the last|within)\\s+)?(${QTY}|\\d+)\\s*-?\\s*(minutes?|mins?|m|hours?|hrs?|h|days?|d|weeks?|wks?|w|months?)\\b`,
      "gi",
    ),
    value: (m) => ({ amount: parseNumberWord(m[1]!) ?? Number(m[1]), unit: UNIT[m[2]!.toLowerCase()] }),
  },
  {
    kind: "duration",
    pattern: /\b(?:(?:last|past|previous|this|next)\s+)?(week|month|day|fortnight|hour)\b|\b(weekly|daily|monthly|hourly)\b/gi,
    value: (m) => {
      const w = (m[1] ?? m[2])!.toLowerCase();
      if (w === "fortnight") return { amount: 2, unit: "weeks" };
      const unit = { week: "weeks", weekly: "weeks", month: "months", monthly: "months", day: "days", daily: "days", hour: "hours", hourly: "hours" }[w];
      return { amount: 1, unit };
    },
  },
];

const LATE_RULES: Rule[] = [
  { kind: "code", pattern: /\b[A-Z][A-Z0-9]*\d[A-Z0-9]*\b/g, value: (m) => m[0] },
  { kind: "branch", pattern: /\b[A-Za-z0-9._-]+\/[A-Za-z0-9._\/-]+\b/g, value: (m) => m[0] },
  { kind: "slug", pattern: /\b[A-Za-z0-9]+(?:[-_.][A-Za-z0-9]+)+\b/g, value: (m) => m[0] },
  { kind: "number", pattern: new RegExp(`\\b(\\d+(?:\\.\\d+)?|${NUM_WORD})\\b`, "gi"), value: (m) => parseNumberWord(m[1]!) },
];

function overlaps(spans: Span[], start: number, end: number): boolean {
  return spans.some((s) => start < s.end && end > s.start);
}

function applyRules(text: string, rules: Rule[], spans: Span[]): void {
  for (const rule of rules) {
    rule.pattern.lastIndex = 0;
    let m: RegExpExecArray | null;
    while ((m = rule.pattern.exec(text))) {
      const start = m.index;
      const end = start + m[0].length;
      if (m[0].length === 0) {
        rule.pattern.lastIndex++;
        continue;
      }
      if (overlaps(spans, start, end)) continue;
      const value = rule.value(m);
      if (value === undefined || (typeof value === "object" && value && "unit" in value && !(value as Duration).unit)) continue;
      spans.push({ kind: rule.kind, start, end, text: m[0], value });
    }
  }
}

/** Every typed value in the (normalised) text, in order of position. */
export function extractSpans(text: string, now: Date): Span[] {
  const spans: Span[] = [];
  applyRules(text, RULES, spans);
  // Dates and times through chrono-node, on the text with the spans already taken blanked out.
  const blanked = spans.reduce((t, s) => t.slice(0, s.start) + " ".repeat(s.end - s.start) + t.slice(s.end), text);
  for (const r of chrono.parse(blanked, { instant: now, timezone: "UTC" }, { forwardDate: true })) {
    const start = r.index;
    const end = start + r.text.length;
    if (overlaps(spans, start, end)) continue;
    if (/^\s*(now|today)\s*$/i.test(r.text)) continue;
    // A single all-capitals word is a code ("LASTDAY", "FRIDAY50"), not a date.
    if (/^[A-Z0-9]{3,}$/.test(r.text.trim())) continue;
    spans.push({ kind: "datetime", start, end, text: r.text, value: r.start.date().toISOString() });
  }
  applyRules(text, LATE_RULES, spans);
  return spans.sort((a, b) => a.start - b.start);
}

const MARKER: Record<SpanKind, string> = {
  url: "url", email: "email", cvss_vector: "cvss", quoted: "quoted", id: "id", line_item: "items", ref_number: "ref",
  path: "path", money: "money", duration: "duration", datetime: "datetime", code: "code", branch: "branch", slug: "slug", number: "number",
};

/** The text with typed values replaced by markers like `<email>`: for ranking by shape. */
export function maskSpans(text: string, spans: Span[]): string {
  let out = "";
  let at = 0;
  for (const s of spans) {
    if (s.kind === "slug" || s.kind === "number") continue;
    out += `${text.slice(at, s.start)} <${MARKER[s.kind]}> `;
    at = s.end;
  }
  return out + text.slice(at);
}

export function toUnit(d: Duration, unit: Duration["unit"]): number {
  const minutes = { minutes: 1, hours: 60, days: 1440, weeks: 10080, months: 43200 };
  return (d.amount * minutes[d.unit]) / minutes[unit];
}
