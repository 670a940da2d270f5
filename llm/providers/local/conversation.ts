import { createHash } from "node:crypto";
import type { BaseMessage } from "@langchain/core/messages";
import type { LlmToolDef } from "../../types.js";
import { fillArguments } from "./args.js";
import type { ParamSpec } from "./params.js";
import { analyse, indexTools, rankTools, type IndexedTool, type RankedTool, type ToolIndex } from "./rank.js";
import { normalizeText } from "./text.js";

/** Below this score nothing is called: the request is declined politely. */
export const DECLINE_BELOW = 0.32;

export type TurnKind = "tool_call" | "answer" | "clarification" | "decline";

/** What the local provider keeps on its own messages (additional_kwargs.ff), so a thread can resume. */
export interface LocalMeta {
  kind: TurnKind;
  /** A call waiting for the person's answer: the arguments so far and the ones still missing. */
  pending?: { tool: string; args: Record<string, unknown>; missing: string[]; allowed?: string[] };
  /** Further commands of the same message, carried out one after another. */
  plan?: string[];
}

export interface Decision {
  text: string;
  toolCalls: { id: string; name: string; args: Record<string, unknown> }[];
  meta: LocalMeta;
}

/** What the tool node leaves on a ToolMessage (additional_kwargs.ff). */
export interface ToolResultMeta {
  status: "ok" | "error" | "rejected";
  reply?: string;
  error?: { code: string; message: string; field?: string; allowed?: string[]; ask?: boolean };
}

interface Options {
  now: Date;
  lastTool?: string;
}

const typeOf = (m: BaseMessage) => m.getType();
const metaOf = (m: BaseMessage) => (m.additional_kwargs?.ff ?? undefined) as LocalMeta | undefined;
const toolMetaOf = (m: BaseMessage) => (m.additional_kwargs?.ff ?? undefined) as ToolResultMeta | undefined;

function textOf(m: BaseMessage): string {
  return typeof m.content === "string" ? m.content : m.content.map((c) => ("text" in c ? String(c.text) : "")).join("");
}

function callId(messages: BaseMessage[], name: string, n: number): string {
  const h = createHash("sha256").update(`${messages.length}:${name}:${n}:${messages.map(textOf).join("\u0000")}`).digest("hex");
  return `call_${h.slice(0, 16)}`;
}

function say(text: string, kind: TurnKind, extra: Partial<LocalMeta> = {}): Decision {
  return { text, toolCalls: [], meta: { kind, ...extra } };
}

function call(messages: BaseMessage[], tool: string, args: Record<string, unknown>, plan?: string[]): Decision {
  return { text: "", toolCalls: [{ id: callId(messages, tool, 0), name: tool, args }], meta: { kind: "tool_call", plan } };
}

function label(p: ParamSpec): string {
  const d = p.description.replace(/\.$/, "");
  return d ? d.charAt(0).toLowerCase() + d.slice(1) : p.name.replace(/_/g, " ");
}

/**
 * What a tool does, in a few words, from the first clause of its description (descriptions
 * start with an imperative verb): "create an order for a customer at catalog prices".
 */
function purpose(description: string): string {
  const sentence = description.split(/(?<=\.)\s/)[0]!.replace(/\.$/, "");
  const cut = sentence.search(/\s\(|,\s|:\s|;\s|\s—\s/);
  const clause = (cut > 0 ? sentence.slice(0, cut) : sentence).trim();
  return clause.charAt(0).toLowerCase() + clause.slice(1);
}

function askFor(tool: IndexedTool, args: Record<string, unknown>, missing: ParamSpec[]): Decision {
  const what = missing.map(label);
  const list = what.length > 1 ? `${what.slice(0, -1).join(", ")} and ${what.at(-1)}` : what[0];
  const example = tool.def.examples?.[0];
  const text = `To ${purpose(tool.def.description)}, I need ${list}. What should I use?${example ? ` (For example: "${example}")` : ""}`;
  return say(text, "clarification", { pending: { tool: tool.def.name, args, missing: missing.map((p) => p.name) } });
}

function decline(index: ToolIndex): Decision {
  const sample = index.tools.flatMap((t) => t.def.examples?.slice(0, 1) ?? []).slice(0, 3);
  return say(
    `Sorry, I can't help with that: it is outside what I can do here. ${sample.length ? `I can do things like: ${sample.map((s) => `"${s}"`).join(", ")}.` : ""} (I am FlashFusion's local assistant, not a general language model.)`,
    "decline",
  );
}

/** Splits "do X, then do Y" / "do X and then Y" into separate commands. */
function clauses(text: string): string[] {
  return text
    .split(/\s*(?:,?\s*and then\s+|,?\s*then\s+|;\s*)/i)
    .map((s) => s.trim())
    .filter(Boolean);
}

function best(index: ToolIndex, text: string, options: Options): RankedTool | undefined {
  return rankTools(index, analyse(text, options.now), options.lastTool)[0];
}

/** An answer to a question the provider asked: fill the missing arguments of the pending call from it. */
function answerPending(index: ToolIndex, pending: NonNullable<LocalMeta["pending"]>, text: string, options: Options, messages: BaseMessage[]): Decision | undefined {
  const tool = index.tools.find((t) => t.def.name === pending.tool);
  if (!tool) return undefined;
  const analysed = analyse(text, options.now);
  const missingParams = tool.params.filter((p) => pending.missing.includes(p.name));
  const fill = fillArguments(tool.params, { text: analysed.text, spans: analysed.spans, vocabulary: tool.vocabulary });
  const args = { ...pending.args };
  for (const p of missingParams) {
    let value = fill.args[p.name];
    if (value === undefined && pending.allowed?.length) {
      value = pending.allowed.find((a) => analysed.text.toLowerCase().includes(a.toLowerCase()));
    }
    if (value === undefined && (p.kind === "name" || p.kind === "text") && missingParams.length === 1 && !/\?\s*$/.test(analysed.text)) {
      value = analysed.text.replace(/[.!?]+$/, "").trim();
    }
    if (value !== undefined) args[p.name] = value;
  }
  // Anything else the answer says also counts ("2 × Product-A with coupon LAUNCH10").
  for (const [k, v] of Object.entries(fill.args)) if (args[k] === undefined) args[k] = v;
  const still = tool.params.filter((p) => p.required && args[p.name] === undefined);
  if (still.length === missingParams.length && Object.keys(fill.args).length === 0) return undefined;
  if (still.length) return askFor(tool, args, still);
  return call(messages, tool.def.name, args);
}

function replyFromResults(results: BaseMessage[]): Decision {
  const parts: string[] = [];
  for (const r of results) {
    const meta = toolMetaOf(r);
    if (!meta) {
      parts.push(textOf(r));
      continue;
    }
    if (meta.status === "ok") parts.push(meta.reply ?? textOf(r));
    else if (meta.status === "rejected") parts.push(meta.reply ?? "Understood — I did not do it; nothing was changed.");
    else parts.push(`I couldn't do that: ${meta.error?.message ?? textOf(r)}`);
  }
  return say(parts.join("\n\n"), "answer");
}

export function decide(messages: BaseMessage[], tools: readonly LlmToolDef[], options: Options): Decision {
  const index = indexTools(tools);
  const lastHuman = messages.map(typeOf).lastIndexOf("human");
  if (lastHuman < 0) return say("Hello! What can I do for you?", "clarification");
  const after = messages.slice(lastHuman + 1);
  const results = after.filter((m) => typeOf(m) === "tool");

  if (results.length > 0) {
    const last = results.at(-1)!;
    const lastMeta = toolMetaOf(last);
    if (lastMeta?.status === "error" && lastMeta.error?.ask) {
      const aiCall = [...after].reverse().find((m) => typeOf(m) === "ai" && (m as { tool_calls?: unknown[] }).tool_calls?.length);
      const toolCall = (aiCall as { tool_calls?: { name: string; args: Record<string, unknown> }[] } | undefined)?.tool_calls?.[0];
      const field = lastMeta.error.field;
      if (toolCall && field) {
        const args = { ...toolCall.args };
        delete args[field];
        return say(lastMeta.error.message, "clarification", {
          pending: { tool: toolCall.name, args, missing: [field], allowed: lastMeta.error.allowed },
        });
      }
    }
    const planner = [...after].reverse().find((m) => typeOf(m) === "ai" && metaOf(m)?.plan?.length);
    const plan = planner ? metaOf(planner)!.plan! : [];
    const failed = results.some((r) => toolMetaOf(r)?.status !== "ok");
    const done = after.filter((m) => typeOf(m) === "ai" && (m as { tool_calls?: unknown[] }).tool_calls?.length).length;
    if (!failed && done <= plan.length) {
      const next = plan[done - 1];
      const ranked = next ? best(index, next, options) : undefined;
      if (ranked && ranked.score >= DECLINE_BELOW && ranked.fill.missing.length === 0) {
        return call(messages, ranked.tool.def.name, ranked.fill.args, plan);
      }
    }
    return replyFromResults(results);
  }

  const text = normalizeText(textOf(messages[lastHuman]!));
  if (!text) return say("Please type a command — for example \"Show my projects\" or \"Why did build #1234 fail?\".", "clarification");

  const previous = messages.slice(0, lastHuman).reverse().find((m) => typeOf(m) === "ai");
  const pending = previous ? metaOf(previous)?.pending : undefined;
  const top = best(index, text, options);
  if (pending && (!top || top.tool.def.name === pending.tool || top.lexical < 0.35)) {
    const merged = answerPending(index, pending, text, options, messages);
    if (merged) return merged;
  }
  if (!top || top.score < DECLINE_BELOW) return decline(index);

  const parts = clauses(text);
  if (parts.length > 1) {
    const ranked = parts.map((p) => best(index, p, options));
    if (ranked.every((r) => r && r.score >= DECLINE_BELOW)) {
      const first = ranked[0]!;
      if (first.fill.missing.length) return askFor(first.tool, first.fill.args, first.fill.missing);
      return call(messages, first.tool.def.name, first.fill.args, parts.slice(1));
    }
  }
  if (top.fill.missing.length) return askFor(top.tool, top.fill.args, top.fill.missing);
  return call(messages, top.tool.def.name, top.fill.args);
}
