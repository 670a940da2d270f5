import { AIMessage, HumanMessage, SystemMessage, ToolMessage, type BaseMessage } from "@langchain/core/messages";
import { LocalChatModel } from "../providers/local/model.js";
import type { LlmToolDef } from "../types.js";
import type { Responder, ScriptedToolCall, WireMessage, WireRequest } from "./script.js";

/**
 * Scripted stand-ins: responders that answer like a model would for simple tool use, so a
 * suite can run through the OpenAI or Anthropic plumbing without a model. They prove the
 * wiring (tools out, calls back, results in, reply out), not a model's skill.
 */

export interface ScriptRule {
  /** The person's latest message: a string matches it whole (trimmed, any case), a RegExp anywhere. */
  when: string | RegExp;
  /** Tools to call for it. */
  calls?: ScriptedToolCall[];
  /** The answer: after the calls' results if there are calls, at once otherwise. Default after calls: the results. */
  reply?: string;
}

function latestTurn(messages: readonly WireMessage[]): { said: string; results: Extract<WireMessage, { role: "tool" }>[] } {
  const at = messages.map((m) => m.role).lastIndexOf("user");
  const said = at >= 0 ? (messages[at] as { text: string }).text : "";
  return { said, results: messages.slice(at + 1).filter((m): m is Extract<WireMessage, { role: "tool" }> => m.role === "tool") };
}

const matches = (rule: ScriptRule, said: string) =>
  typeof rule.when === "string" ? rule.when.trim().toLowerCase() === said.trim().toLowerCase() : rule.when.test(said);

/** Picks tool calls by a script: the rule matching what the person said last. */
export function scriptedResponder(rules: readonly ScriptRule[], otherwise = "Sorry, I can't help with that."): Responder {
  return (request) => {
    const { said, results } = latestTurn(request.messages);
    const rule = rules.find((r) => matches(r, said));
    if (!rule) return { text: otherwise };
    if (results.length) return { text: rule.reply ?? results.map((r) => r.text).join("\n") };
    if (rule.calls?.length) return { toolCalls: rule.calls };
    return { text: rule.reply ?? "" };
  };
}

/** `Current time: 2026-03-10T09:00:00Z` in a system prompt sets the brain's clock. */
const CURRENT_TIME = /current time:\s*(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:\d{2}))/i;

function toLangChain(messages: readonly WireMessage[]): BaseMessage[] {
  return messages.map((m) => {
    switch (m.role) {
      case "system":
        return new SystemMessage(m.text);
      case "user":
        return new HumanMessage(m.text);
      case "assistant":
        return new AIMessage({ content: m.text, tool_calls: m.toolCalls.map((c) => ({ id: c.id, name: c.name, args: c.arguments, type: "tool_call" as const })) });
      case "tool":
        return new ToolMessage({ tool_call_id: m.toolCallId, content: m.text, status: m.isError ? "error" : "success" });
    }
  });
}

export interface LocalBrainOptions {
  /** Business time when the system prompt does not say (`Current time: …`). Default: now. */
  now?: () => Date;
}

/**
 * The local provider as the stand-in's model: it ranks the tools the request offers and fills
 * their arguments, from the full tool definitions (hints, examples) given here, since the wire
 * carries only names, descriptions and plain schemas. Tools it was not given are ranked by
 * their description alone.
 */
export function localBrain(tools: readonly LlmToolDef[], options: LocalBrainOptions = {}): Responder {
  const byName = new Map(tools.map((t) => [t.name, t]));
  const model = new LocalChatModel();
  // One array per distinct toolset, so the local provider's index of it is built once.
  const toolsets = new Map<string, LlmToolDef[]>();
  return async (request: WireRequest) => {
    const names = request.tools.map((t) => t.name).join("\u0000");
    let defs = toolsets.get(names);
    if (!defs) {
      defs = request.tools.map((t) => byName.get(t.name) ?? { name: t.name, description: t.description, parameters: t.parameters });
      toolsets.set(names, defs);
    }
    const system = request.messages.find((m) => m.role === "system")?.text ?? "";
    const stated = CURRENT_TIME.exec(system)?.[1];
    const now = stated ? new Date(stated) : (options.now?.() ?? new Date());
    const lastTool = [...request.messages].reverse().find((m) => m.role === "assistant" && m.toolCalls.length) as Extract<WireMessage, { role: "assistant" }> | undefined;
    const reply = await model.bindTools(defs, { now: now.toISOString(), lastTool: lastTool?.toolCalls.at(-1)?.name }).invoke(toLangChain(request.messages));
    const text = typeof reply.content === "string" ? reply.content : "";
    const calls = (reply.tool_calls ?? []).map((c) => ({ id: c.id, name: c.name, arguments: c.args }));
    return calls.length ? { toolCalls: calls, ...(text ? { text } : {}) } : { text };
  };
}
