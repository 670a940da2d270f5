import type { ParamKind, ParamSpec } from "./params.js";
import { toUnit, type Duration, type Span } from "./spans.js";
import { canonical, escapeRegex, parseNumberWord, STOPWORDS } from "./text.js";

/**
 * Fills a tool's arguments from one command: typed values found in the text (spans) are
 * matched to parameters by kind, preferring a value that follows one of the parameter's cue
 * words ("coupon LAUNCH10", "called Q3 Planning", "at US Navy"). Names and free text that no
 * typed extractor covers come from quotes, cue phrases, slugs and capitalised phrases.
 */
export interface FillResult {
  args: Record<string, unknown>;
  missing: ParamSpec[];
  foundRequired: number;
  requiredCount: number;
  found: number;
  /** Where the names and free text that were taken stand (not the fallback remainder). */
  anchored: [number, number][];
  /** Free text was taken after a colon: the person delimited the value themselves. */
  delimited: boolean;
  /** Required arguments filled only by a guess (a capitalised phrase, the rest of the sentence). */
  weakRequired: number;
}

export interface FillContext {
  text: string;
  spans: Span[];
  /** Set by fillArguments: where free text after a colon begins (names are not looked for inside it). */
  freeTextFrom?: number;
  /** Canonical words naming the tool's operation (name, description, keywords): never a name value. */
  vocabulary: ReadonlySet<string>;
}

const ORDER: ParamKind[] = [
  "cvss_vector", "email", "url", "line_items", "id", "ref_number", "path_list", "money", "datetime", "duration",
  "code", "branch", "enum_list", "enum", "boolean", "integer", "number", "name", "text",
];

const SPAN_KIND: Partial<Record<ParamKind, Span["kind"][]>> = {
  cvss_vector: ["cvss_vector"],
  email: ["email"],
  url: ["url"],
  id: ["id"],
  ref_number: ["ref_number"],
  money: ["money"],
  datetime: ["datetime"],
  duration: ["duration"],
  code: ["code"],
  branch: ["branch", "slug"],
};

/** Words that end a name phrase: the next argument usually starts there. */
const PHRASE_BREAK = new Set(["with", "for", "on", "to", "at", "from", "in", "using", "and", "by", "about", "via", "into", "plan", "who", "that", "which"]);

interface Cursor {
  used: Set<Span>;
  usedRanges: [number, number][];
  /** Ranges of names and text taken from quotes, colons, cues, slugs or capitals. */
  anchored: [number, number][];
  /** The last value came from the fallback remainder of the command. */
  remainder?: boolean;
  delimited?: boolean;
  /** The last value was a guess (a capitalised phrase or the remainder). */
  guessed?: boolean;
}

/** Where each cue ends, in order; of cues starting at the same place the longest wins ("note down" over "note"). */
function cueEnds(text: string, cues: readonly string[]): number[] {
  const byStart = new Map<number, number>();
  for (const cue of cues) {
    const re = new RegExp(`(?:^|[^\\w])(${escapeRegex(cue)})(?=$|[^\\w])`, "gi");
    let m: RegExpExecArray | null;
    while ((m = re.exec(text))) {
      const start = m.index + m[0].length - m[1]!.length;
      const end = m.index + m[0].length;
      if ((byStart.get(start) ?? -1) < end) byStart.set(start, end);
      re.lastIndex = start + 1;
    }
  }
  return [...byStart.entries()].sort((a, b) => a[0] - b[0]).map(([, end]) => end);
}

/** A span that starts right after a cue (allowing a few filler words such as "the", "code"). */
function cuedSpan(ctx: FillContext, cur: Cursor, cues: readonly string[], kinds: Span["kind"][]): Span | undefined {
  for (const end of cueEnds(ctx.text, cues)) {
    const candidate = ctx.spans.find((s) => kinds.includes(s.kind) && !cur.used.has(s) && s.start >= end);
    if (!candidate) continue;
    const between = ctx.text.slice(end, candidate.start).trim().split(/\s+/).filter(Boolean);
    if (between.length <= 2 && between.every((w) => STOPWORDS.has(w.toLowerCase()) || /^[:#=-]$/.test(w) || w.length <= 6)) return candidate;
  }
  return undefined;
}

function take(cur: Cursor, span: Span): Span {
  cur.used.add(span);
  cur.usedRanges.push([span.start, span.end]);
  return span;
}

function isFree(cur: Cursor, ctx: FillContext, start: number, end: number): boolean {
  if (cur.usedRanges.some(([s, e]) => start < e && end > s)) return false;
  return true;
}

function looksLikeName(words: string[], vocabulary: ReadonlySet<string>): boolean {
  if (words.length === 0 || words.length > 7) return false;
  const meaningful = words.filter((w) => !STOPWORDS.has(w.toLowerCase()));
  if (meaningful.length === 0) return false;
  if (meaningful.some((w) => /[-_./\d]|^[A-Z]/.test(w))) return true;
  return meaningful.some((w) => !vocabulary.has(canonical(w)));
}

/** The words after a cue up to punctuation, a connecting word or a typed value. */
function cuePhrase(ctx: FillContext, cur: Cursor, cues: readonly string[], untilEnd: boolean): { value: string; start: number; end: number } | undefined {
  for (const end of cueEnds(ctx.text, cues)) {
    const rest = ctx.text.slice(end);
    const lead = rest.length - rest.trimStart().length;
    const start = end + lead;
    let stop = ctx.text.length;
    const punct = /[,;:!?]|\.(\s|$)/.exec(ctx.text.slice(start));
    if (punct) stop = start + punct.index;
    const nextSpan = ctx.spans.find((s) => s.start >= start && s.start < stop && s.kind !== "slug" && s.kind !== "code" && s.kind !== "number");
    if (nextSpan && !untilEnd) stop = nextSpan.start;
    const words: string[] = [];
    let at = start;
    for (const w of ctx.text.slice(start, stop).split(/(\s+)/)) {
      if (!untilEnd && words.length > 0 && PHRASE_BREAK.has(w.toLowerCase())) break;
      words.push(w);
      at += w.length;
    }
    let value = words.join("").trim().replace(/^(the|a|an|my|our)\s+/i, "");
    for (let again = true; again; ) {
      again = false;
      for (const cue of cues) {
        const re = new RegExp(`^${escapeRegex(cue)}\\s+`, "i");
        if (re.test(value)) {
          value = value.replace(re, "").replace(/^(the|a|an|my|our)\s+/i, "");
          again = true;
        }
      }
    }
    if (!value) continue;
    const valueStart = ctx.text.indexOf(value, start);
    if (untilEnd) {
      // Free text runs to the end; values other arguments took inside it are cut out.
      const text = cutUsed(ctx.text, valueStart, valueStart + value.length, cur);
      if (text) return { value: text, start: valueStart, end: valueStart + value.length };
      continue;
    }
    if (!isFree(cur, ctx, valueStart, valueStart + value.length)) continue;
    if (!untilEnd && !looksLikeName(value.split(/\s+/), ctx.vocabulary)) continue;
    return { value, start: valueStart, end: valueStart + value.length };
  }
  return undefined;
}

function capitalisedPhrase(ctx: FillContext, cur: Cursor): { value: string; start: number; end: number } | undefined {
  const re = /\b([A-Z][\w&'-]*(?:\s+(?:[A-Z][\w&'-]*|of|and|&)){0,5})/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(ctx.text))) {
    if (m.index === 0) {
      // The first word of a command is its verb; a name may still follow it.
      const rest = m[1]!.split(/\s+/).slice(1).join(" ");
      if (!rest) continue;
      const start = ctx.text.indexOf(rest, m.index + 1);
      if (isFree(cur, ctx, start, start + rest.length) && looksLikeName(rest.split(/\s+/), ctx.vocabulary)) return { value: rest, start, end: start + rest.length };
      continue;
    }
    const value = m[1]!.replace(/\s+(of|and|&)$/, "");
    if (isFree(cur, ctx, m.index, m.index + value.length) && looksLikeName(value.split(/\s+/), ctx.vocabulary)) {
      return { value, start: m.index, end: m.index + value.length };
    }
  }
  return undefined;
}

/**
 * Enum values named in the text. A real value beats an alias, and a word next to one of the
 * parameter's cues ("on Pro plan") beats one elsewhere ("Start onboarding" is not the "start" alias).
 */
function matchEnum(ctx: FillContext, p: ParamSpec, all: boolean): string[] {
  const found: { value: string; at: number; score: number }[] = [];
  const candidates: [string, string, boolean][] = [
    ...p.enumValues.map((v) => [v, v, true] as [string, string, boolean]),
    ...Object.entries(p.aliases).map(([alias, v]) => [alias, v, false] as [string, string, boolean]),
  ];
  const cueEnd = cueEnds(ctx.text, p.cues);
  for (const [word, value, real] of candidates) {
    const flexible = escapeRegex(word.toLowerCase()).replace(/[_\s-]+/g, "[\\s_-]*").replace(/([a-z])(\d)/g, "$1[\\s-]?$2");
    const re = new RegExp(`(?:^|[^\\w.])(${flexible})(?:s|es)?(?=$|[^\\w])`, "gi");
    let m: RegExpExecArray | null;
    while ((m = re.exec(ctx.text))) {
      const at = m.index + m[0].length - m[1]!.length - (m[0].length - m[1]!.length - (m[0].startsWith(m[1]!) ? 0 : 1));
      const start = ctx.text.toLowerCase().indexOf(m[1]!.toLowerCase(), m.index);
      const before = ctx.text.slice(0, start).trimEnd();
      const after = ctx.text.slice(start + m[1]!.length).trimStart().toLowerCase();
      const cuedBefore = cueEnd.some((e) => e === before.length || (e <= start && ctx.text.slice(e, start).trim().split(/\s+/).filter(Boolean).length <= 1));
      const cuedAfter = p.cues.some((c) => after.startsWith(`${c} `) || after === c);
      found.push({ value, at: start >= 0 ? start : at, score: (real ? 2 : 1) + (cuedBefore ? 2 : 0) + (cuedAfter ? 1 : 0) });
    }
  }
  if (all) {
    found.sort((a, b) => a.at - b.at);
    return [...new Set(found.map((f) => f.value))];
  }
  found.sort((a, b) => b.score - a.score || a.at - b.at);
  return found.length ? [found[0]!.value] : [];
}

function fillOne(p: ParamSpec, ctx: FillContext, cur: Cursor): unknown {
  const spanKinds = SPAN_KIND[p.kind];
  if (spanKinds) {
    const span =
      cuedSpan(ctx, cur, p.cues, spanKinds) ??
      (p.kind === "code" && p.cues.length && !p.required ? undefined : ctx.spans.find((s) => spanKinds.includes(s.kind) && !cur.used.has(s)));
    if (p.kind === "code" && !span) {
      const phrase = cuePhrase(ctx, cur, p.cues, false);
      if (phrase && /^[A-Za-z0-9_-]{3,}$/.test(phrase.value)) {
        cur.usedRanges.push([phrase.start, phrase.end]);
        return phrase.value.toUpperCase();
      }
    }
    if (!span) return undefined;
    if (p.kind === "id" && p.prefix && !String(span.value).startsWith(`${p.prefix}_`)) return undefined;
    take(cur, span);
    if (p.kind === "duration" || (span.kind === "duration" && p.unit)) {
      const d = span.value as Duration;
      return p.unit ? toUnit(d, p.unit) : `${d.amount}${d.unit[0]}`;
    }
    return span.value;
  }
  switch (p.kind) {
    case "line_items": {
      const items = ctx.spans.filter((s) => s.kind === "line_item" && !cur.used.has(s));
      if (!items.length) return undefined;
      items.forEach((s) => take(cur, s));
      return items.map((s) => s.value);
    }
    case "path_list": {
      const paths = ctx.spans.filter((s) => s.kind === "path" && !cur.used.has(s));
      if (!paths.length) return undefined;
      paths.forEach((s) => take(cur, s));
      return paths.map((s) => s.value);
    }
    case "enum":
    case "enum_list": {
      const values = matchEnum(ctx, p, p.kind === "enum_list" || p.isArray);
      if (!values.length) return undefined;
      return p.kind === "enum" && !p.isArray ? values[0] : values;
    }
    case "boolean":
      return undefined;
    case "integer":
    case "number": {
      const span =
        cuedSpan(ctx, cur, p.cues, ["number", "duration", "money"]) ??
        (p.required ? ctx.spans.find((s) => (s.kind === "number" || s.kind === "duration") && !cur.used.has(s)) : undefined);
      if (!span) return undefined;
      take(cur, span);
      if (span.kind === "duration") {
        const d = span.value as Duration;
        return p.unit ? toUnit(d, p.unit) : d.amount;
      }
      return span.value;
    }
    case "name": {
      const quoted = ctx.spans.find((s) => s.kind === "quoted" && !cur.used.has(s));
      if (quoted) return take(cur, quoted).value;
      const phrase = cuePhrase(ctx, cur, p.cues, false);
      if (phrase && (p.required || ctx.freeTextFrom === undefined || phrase.end <= ctx.freeTextFrom)) {
        cur.usedRanges.push([phrase.start, phrase.end]);
        const slug = ctx.spans.find((s) => s.kind === "slug" && s.start >= phrase.start && s.end <= phrase.end);
        if (slug) cur.used.add(slug);
        return phrase.value;
      }
      if (!p.required) return undefined;
      const slug = ctx.spans.find((s) => s.kind === "slug" && !cur.used.has(s) && isFree(cur, ctx, s.start, s.end));
      if (slug) return take(cur, slug).value;
      const caps = capitalisedPhrase(ctx, cur);
      if (caps) {
        cur.usedRanges.push([caps.start, caps.end]);
        cur.guessed = true;
        return caps.value;
      }
      return undefined;
    }
    case "text": {
      const quoted = ctx.spans.find((s) => s.kind === "quoted" && !cur.used.has(s));
      if (quoted) return take(cur, quoted).value;
      const colon = delimitingColon(ctx);
      if (colon >= 0) {
        const value = cutUsed(ctx.text, colon + 1, ctx.text.length, cur);
        if (value) {
          cur.usedRanges.push([colon + 1, ctx.text.length]);
          cur.delimited = true;
          return value;
        }
      }
      const phrase = cuePhrase(ctx, cur, p.cues, true);
      if (phrase) {
        cur.usedRanges.push([phrase.start, phrase.end]);
        return phrase.value;
      }
      if (!p.required) return undefined;
      return remainder(ctx, cur);
    }
    default:
      return undefined;
  }
}

/** The text between start and end with the values other arguments took cut out. */
function cutUsed(text: string, start: number, end: number, cur: Cursor): string {
  let out = "";
  let at = start;
  const ranges = cur.usedRanges.filter(([s, e]) => s < end && e > start).sort((a, b) => a[0] - b[0]);
  for (const [s, e] of ranges) {
    if (s > at) out += text.slice(at, s);
    at = Math.max(at, e);
  }
  if (at < end) out += text.slice(at, end);
  return out
    .replace(/\s+/g, " ")
    .replace(/\s+(at|on|by|for|in|to)\s*$/i, "")
    .trim()
    .replace(/^[,;:\s-]+|[,;:\s-]+$/g, "");
}

/** The command without its leading operation words: "add note call Bob" → "call Bob". */
function remainder(ctx: FillContext, cur: Cursor): string | undefined {
  const words = ctx.text.split(/\s+/);
  let i = 0;
  while (i < words.length && (STOPWORDS.has(words[i]!.toLowerCase()) || ctx.vocabulary.has(canonical(words[i]!.replace(/\W/g, ""))))) i++;
  const value = words.slice(i).join(" ").trim();
  if (!value) return undefined;
  const start = ctx.text.lastIndexOf(value);
  if (!isFree(cur, ctx, start, start + value.length)) return undefined;
  cur.usedRanges.push([start, start + value.length]);
  cur.remainder = true;
  cur.guessed = true;
  return value;
}

/** The first colon that sets off a value ("Add note: …"), not one inside a URL or a time. */
function delimitingColon(ctx: FillContext): number {
  for (let i = ctx.text.indexOf(":"); i >= 0; i = ctx.text.indexOf(":", i + 1)) {
    if (!ctx.spans.some((sp) => i >= sp.start && i < sp.end)) return i;
  }
  return -1;
}

export function fillArguments(params: readonly ParamSpec[], ctx: FillContext, preset: Record<string, unknown> = {}): FillResult {
  const cur: Cursor = { used: new Set(), usedRanges: [], anchored: [] };
  const colon = delimitingColon(ctx);
  if (colon >= 0 && params.some((p) => p.kind === "text") && ctx.freeTextFrom === undefined) ctx = { ...ctx, freeTextFrom: colon };
  const args: Record<string, unknown> = { ...preset };
  const weak = new Set<string>();
  const ordered = [...params].sort((a, b) => ORDER.indexOf(a.kind) - ORDER.indexOf(b.kind) || Number(b.cues.length > 0) - Number(a.cues.length > 0));
  // Parameters with cues claim their values first, so a cue-less one does not take a cued value.
  for (const pass of [true, false]) {
    for (const p of ordered) {
      if (args[p.name] !== undefined) continue;
      if (pass !== p.cues.length > 0 && ["name", "text", "code", "integer", "number"].includes(p.kind)) continue;
      const before = cur.usedRanges.length;
      const usedBefore = new Set(cur.used);
      const value = fillOne(p, ctx, cur);
      if (value !== undefined && (p.kind === "name" || p.kind === "text") && !cur.remainder && !cur.guessed) {
        cur.anchored.push(...cur.usedRanges.slice(before));
        for (const sp of cur.used) if (!usedBefore.has(sp)) cur.anchored.push([sp.start, sp.end]);
      }
      if (value !== undefined && p.required && cur.guessed) weak.add(p.name);
      cur.remainder = false;
      cur.guessed = false;
      if (value !== undefined && value !== "") args[p.name] = value;
    }
  }
  // Last, an optional name or code nobody cued may take a value of its shape that is left over:
  // a hyphenated name ("whenever webapp-pipeline fails") or a code ("…, apply XMAS25"). The person
  // said it, and no other argument wanted it; dropping it silently would ignore what they asked.
  // A word the tool knows as one of its enum values ("run.started") is that value, never a name.
  const leftover: Partial<Record<ParamSpec["kind"], Span["kind"]>> = { name: "slug", code: "code" };
  const enumWords = new Set(params.flatMap((p) => [...p.enumValues, ...Object.keys(p.aliases)]).map((v) => v.toLowerCase()));
  for (const p of ordered) {
    const kind = leftover[p.kind];
    if (p.required || !kind || args[p.name] !== undefined) continue;
    const span = ctx.spans.find(
      (s) =>
        s.kind === kind &&
        !enumWords.has(s.text.toLowerCase()) &&
        !cur.used.has(s) &&
        isFree(cur, ctx, s.start, s.end) &&
        (ctx.freeTextFrom === undefined || s.end <= ctx.freeTextFrom),
    );
    if (span) args[p.name] = take(cur, span).value;
  }
  const missing = params.filter((p) => p.required && args[p.name] === undefined);
  const requiredCount = params.filter((p) => p.required).length;
  return {
    args,
    missing,
    foundRequired: requiredCount - missing.length,
    requiredCount,
    found: Object.keys(args).length,
    anchored: cur.anchored,
    delimited: cur.delimited === true,
    weakRequired: [...weak].filter((name) => args[name] !== undefined).length,
  };
}

export { parseNumberWord };
