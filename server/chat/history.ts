import { z } from "zod";
import type { LoggedEvent } from "../../graph/thread-log.js";

export const ToolSummary = z.object({ tool: z.string(), status: z.string(), chart_svg: z.string().nullable() });

export const HistoryMessage = z.object({
  role: z.enum(["user", "assistant"]),
  text: z.string(),
  at: z.string(),
  agent: z.string().nullable().optional(),
  kind: z.enum(["answer", "clarification", "decline", "error"]).optional(),
  tools: z.array(ToolSummary).optional(),
});
export type HistoryMessage = z.infer<typeof HistoryMessage>;

function chartOf(output: unknown): string | null {
  const svg = output && typeof output === "object" ? (output as { chart_svg?: unknown }).chart_svg : undefined;
  return typeof svg === "string" ? svg : null;
}

/**
 * A thread's conversation from its logged events: each turn's words in (the `thread` event's
 * input), and each reply with the tools its turn called (charts kept, for the screen).
 */
export function historyOf(events: readonly LoggedEvent[]): HistoryMessage[] {
  const messages: HistoryMessage[] = [];
  let tools: z.infer<typeof ToolSummary>[] = [];
  for (const { event, at, input } of events) {
    switch (event.type) {
      case "thread":
        tools = [];
        if (input) messages.push({ role: "user", text: input, at });
        break;
      case "tool_end":
        tools.push({ tool: event.tool, status: event.status, chart_svg: chartOf(event.output) });
        break;
      case "message":
        messages.push({ role: "assistant", agent: event.agent, text: event.text, kind: event.kind, at, tools });
        tools = [];
        break;
      case "error":
        messages.push({ role: "assistant", agent: (event as { agent?: string }).agent ?? null, text: event.message, kind: "error", at, tools });
        tools = [];
        break;
    }
  }
  return messages;
}
