import type Anthropic from "@anthropic-ai/sdk";
import type { AIMessage, BaseMessage, ToolMessage } from "@langchain/core/messages";

type Block = Exclude<Anthropic.MessageParam["content"], string>[number];
type Turn = { role: "user" | "assistant"; content: Block[] };

function textOf(m: BaseMessage): string {
  if (typeof m.content === "string") return m.content;
  return m.content.map((c) => (c.type === "text" && "text" in c ? String(c.text) : "")).join("");
}

function blocksOf(m: BaseMessage): { role: Turn["role"]; blocks: Block[] } | undefined {
  switch (m.getType()) {
    case "human":
    case "generic": {
      const text = textOf(m);
      return text ? { role: "user", blocks: [{ type: "text", text }] } : undefined;
    }
    case "ai": {
      const ai = m as AIMessage;
      const text = textOf(ai);
      const blocks: Block[] = text ? [{ type: "text", text }] : [];
      for (const call of ai.tool_calls ?? []) {
        blocks.push({ type: "tool_use", id: call.id ?? `toolu_${call.name}`, name: call.name, input: call.args });
      }
      return blocks.length ? { role: "assistant", blocks } : undefined;
    }
    case "tool": {
      const tool = m as ToolMessage;
      return {
        role: "user",
        blocks: [{ type: "tool_result", tool_use_id: tool.tool_call_id, content: textOf(tool), ...(tool.status === "error" ? { is_error: true } : {}) }],
      };
    }
    default:
      return undefined;
  }
}

/**
 * LangChain messages as the Messages API wants them: system prompts apart, tool calls as
 * `tool_use` blocks, tool results as `tool_result` blocks in the user turn that follows, and
 * consecutive turns of one role merged (the results of parallel calls travel together).
 */
export function toAnthropicMessages(messages: readonly BaseMessage[]): { system?: string; messages: Anthropic.MessageParam[] } {
  const system: string[] = [];
  const turns: Turn[] = [];
  for (const m of messages) {
    if (m.getType() === "system") {
      const text = textOf(m);
      if (text) system.push(text);
      continue;
    }
    const part = blocksOf(m);
    if (!part) continue;
    const last = turns.at(-1);
    if (last?.role === part.role) last.content.push(...part.blocks);
    else turns.push({ role: part.role, content: [...part.blocks] });
  }
  return { ...(system.length ? { system: system.join("\n\n") } : {}), messages: turns };
}
