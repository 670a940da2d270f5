import type { LlmToolDef } from "../../types.js";
import { fillArguments, type FillResult } from "./args.js";
import { paramsOf, type ParamSpec } from "./params.js";
import { extractSpans, maskSpans, type Span } from "./spans.js";
import { contentTokens, normalizeText } from "./text.js";

/**
 * Ranks tools against a command by what each tool declares: lexical similarity to its
 * examples (by shape, with values masked), coverage of the command's words by the tool's
 * vocabulary, and argument fit (how many required arguments the command supplies).
 */
export interface IndexedTool {
  def: LlmToolDef;
  params: ParamSpec[];
  examples: string[][];
  doc: Set<string>;
  vocabulary: Set<string>;
}

export interface ToolIndex {
  tools: IndexedTool[];
  idf(token: string): number;
}

export interface RankedTool {
  tool: IndexedTool;
  score: number;
  lexical: number;
  fill: FillResult;
}

export interface Analysed {
  text: string;
  spans: Span[];
  tokens: string[];
}

const EPOCH = new Date("2026-01-01T00:00:00Z");

/**
 * Tokens of a command for ranking one tool: typed values masked by shape, and the names and
 * free text that the tool would take as arguments left out, so that an example's data
 * ("Q3 Planning") never decides which tool a command means.
 */
function tokensFor(analysed: Analysed, params: ParamSpec[], vocabulary: ReadonlySet<string>): string[] {
  const fill = fillArguments(params, { text: analysed.text, spans: analysed.spans, vocabulary });
  return tokensWithout(analysed, fill);
}

function tokensWithout(analysed: Analysed, fill: FillResult): string[] {
  const ranges = fill.anchored.filter(([s, e]) => e > s);
  const inValue = (s: number, e: number) => ranges.some(([a, b]) => s >= a && e <= b);
  const spans = analysed.spans.filter((sp) => !inValue(sp.start, sp.end));
  let text = analysed.text;
  for (const [a, b] of ranges) text = text.slice(0, a) + " ".repeat(b - a) + text.slice(b);
  return contentTokens(maskSpans(text, spans));
}

const cache = new WeakMap<readonly LlmToolDef[], ToolIndex>();

export function indexTools(defs: readonly LlmToolDef[]): ToolIndex {
  const hit = cache.get(defs);
  if (hit) return hit;
  const tools: IndexedTool[] = defs.map((def) => {
    const params = paramsOf(def.parameters);
    const vocabulary = new Set([
      ...contentTokens(def.name.replace(/_/g, " ")),
      ...contentTokens(def.description),
      ...(def.keywords ?? []).flatMap((k) => contentTokens(k)),
    ]);
    const examples = (def.examples ?? []).map((e) => tokensFor(analyse(e, EPOCH), params, vocabulary));
    const doc = new Set([
      ...vocabulary,
      ...examples.flat(),
      ...params.flatMap((p) => [...contentTokens(p.description), ...p.cues.flatMap((c) => contentTokens(c)), ...p.enumValues.flatMap((v) => contentTokens(v))]),
    ]);
    return { def, params, examples, doc, vocabulary };
  });
  const df = new Map<string, number>();
  for (const t of tools) for (const token of t.doc) df.set(token, (df.get(token) ?? 0) + 1);
  const n = Math.max(tools.length, 1);
  const unknown = Math.log(1 + n) + 0.5;
  const index: ToolIndex = {
    tools,
    idf: (token) => {
      const d = df.get(token);
      const w = d ? Math.log(1 + n / d) : unknown;
      // A value's shape (<datetime>, <email>) says what kind of argument is present, not what is asked.
      return token.startsWith("<") ? w / 2 : w;
    },
  };
  cache.set(defs, index);
  return index;
}

const recent = new Map<string, Analysed>();

/** A command's text, typed values and tokens; the router and the agent share the result. */
export function analyse(command: string, now: Date): Analysed {
  const key = `${now.toISOString()}\u0000${command}`;
  const hit = recent.get(key);
  if (hit) return hit;
  const text = normalizeText(command);
  const spans = extractSpans(text, now);
  const analysed = { text, spans, tokens: contentTokens(maskSpans(text, spans)) };
  if (recent.size >= 64) recent.delete(recent.keys().next().value!);
  recent.set(key, analysed);
  return analysed;
}

function weight(tokens: Iterable<string>, idf: (t: string) => number): number {
  let w = 0;
  for (const t of tokens) w += idf(t);
  return w;
}

/**
 * Similarity on the command's own words, or on what is left once the tool's argument values are
 * set aside — discounted by how much of the command that residue still is, so that a tool which
 * swallows nearly the whole command as free text cannot win on the one word left over.
 */
function bestLexical(index: ToolIndex, tool: IndexedTool, analysed: Analysed, fill: FillResult): number {
  const full = lexicalScore(index, tool, analysed.tokens);
  const residue = tokensWithout(analysed, fill);
  if (residue.length === analysed.tokens.length) return full;
  const all = weight(new Set(analysed.tokens), index.idf);
  const share = fill.delimited ? 1 : all > 0 ? weight(new Set(residue), index.idf) / all : 0;
  return Math.max(full, lexicalScore(index, tool, residue) * Math.sqrt(share));
}

/** A command said exactly as one of the tool's examples (case and punctuation aside). */
function saysExample(tool: IndexedTool, text: string): boolean {
  const plain = (s: string) => s.toLowerCase().replace(/[^a-z0-9]+/g, " ").trim();
  const said = plain(text);
  return said.length > 0 && (tool.def.examples ?? []).some((e) => plain(e) === said);
}

export function lexicalScore(index: ToolIndex, tool: IndexedTool, tokens: string[]): number {
  const msg = new Set(tokens);
  if (msg.size === 0) return 0;
  const msgWeight = weight(msg, index.idf);
  let best = 0;
  for (const ex of tool.examples) {
    const exSet = new Set(ex);
    let shared = 0;
    for (const t of msg) if (exSet.has(t)) shared += index.idf(t);
    const cos = shared / Math.sqrt(msgWeight * Math.max(weight(exSet, index.idf), 1e-9));
    if (cos > best) best = cos;
  }
  let covered = 0;
  for (const t of msg) if (tool.doc.has(t)) covered += index.idf(t);
  const coverage = covered / msgWeight;
  return 0.55 * best + 0.45 * coverage;
}

/** What following up on the thread's last tool adds to that tool's score. */
export const LAST_TOOL_BONUS = 0.05;

const ranked = new WeakMap<Analysed, Map<ToolIndex, Map<string, readonly RankedTool[]>>>();

/**
 * The tools by score for a command, best first, the thread's last tool with LAST_TOOL_BONUS.
 * Remembered per analysed command: the router ranks every agent's tools and the chosen agent's
 * model then ranks its own again for the same command.
 */
export function rankTools(index: ToolIndex, analysed: Analysed, lastTool?: string): readonly RankedTool[] {
  let byIndex = ranked.get(analysed);
  if (!byIndex) ranked.set(analysed, (byIndex = new Map()));
  let byLastTool = byIndex.get(index);
  if (!byLastTool) byIndex.set(index, (byLastTool = new Map()));
  let result = byLastTool.get(lastTool ?? "");
  if (!result) byLastTool.set(lastTool ?? "", (result = rank(index, analysed, (t) => (t.def.name === lastTool ? LAST_TOOL_BONUS : 0))));
  return result;
}

function rank(index: ToolIndex, analysed: Analysed, bonus: (tool: IndexedTool) => number): RankedTool[] {
  return index.tools
    .map((tool) => {
      const fill = fillArguments(tool.params, { text: analysed.text, spans: analysed.spans, vocabulary: tool.vocabulary });
      const lexical = saysExample(tool, analysed.text) ? 1 : bestLexical(index, tool, analysed, fill);
      // Supplying a tool's required arguments is evidence for it; having none to supply is not.
      // A guessed value (a capitalised word, the rest of the sentence) is weak evidence.
      const fit = fill.requiredCount ? (fill.foundRequired - 0.7 * fill.weakRequired) / fill.requiredCount : 0;
      const score = lexical + (lexical > 0.12 ? 0.15 * fit : 0.05 * fit) + bonus(tool);
      return { tool, score, lexical, fill };
    })
    .sort((a, b) => b.score - a.score);
}
