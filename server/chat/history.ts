import { z } from "zod";
import type { LoggedEvent } from "../../graph/thread-log.js";

export const ToolSummary = z.object({ tool: z.string(), status: z.string(), chart_svg: z.string().nullable() });

/** The action a turn stopped to ask about, and what became of it (`pending` while it waits). */
export const HistoryApproval = z.object({
  id: z.string(),
  tool: z.string(),
  args: z.record(z.string(), z.unknown()),
  summary: z.string(),
  decision: z.enum(["pending", "approved", "rejected", "expired"]),
});
export type HistoryApproval = z.infer<typeof HistoryApproval>;

export const HistoryMessage = z.object({
  role: z.enum(["user", "assistant"]),
  text: z.string(),
  at: z.string(),
  agent: z.string().nullable().optional(),
  kind: z.enum(["answer", "clarification", "decline", "error"]).optional(),
  tools: z.array(ToolSummary).optional(),
  approval: HistoryApproval.optional(),
});
export type HistoryMessage = z.infer<typeof HistoryMessage>;

function chartOf(output: unknown): string | null {
  const svg = output && typeof output === "object" ? (output as { chart_svg?: unknown }).chart_svg : undefined;
  return typeof svg === "string" ? svg : null;
}

/** A PendingApproval's status as a decision a person can read: one that ran was approved. */
export function decisionOf(status: string | undefined): HistoryApproval["decision"] {
  if (status === "approved" || status === "consumed") return "approved";
  if (status === "rejected") return "rejected";
  if (status === "expired") return "expired";
  return "pending";
}

/**
 * A thread's conversation from its logged events: each turn's words in (the `thread` event's
 * input), and each reply with the tools its turn called (charts kept, for the screen) and the
 * approval it asked for, decided as `decisions` says (by approval id; pending when absent).
 */
export function historyOf(events: readonly LoggedEvent[], decisions: ReadonlyMap<string, HistoryApproval["decision"]> = new Map()): HistoryMessage[] {
  const messages: HistoryMessage[] = [];
  let tools: z.infer<typeof ToolSummary>[] = [];
  let approval: HistoryApproval | undefined;
  for (const { event, at, input } of events) {
    switch (event.type) {
      case "thread":
        tools = [];
        approval = undefined;
        if (input) messages.push({ role: "user", text: input, at });
        break;
      case "tool_end":
        tools.push({ tool: event.tool, status: event.status, chart_svg: chartOf(event.output) });
        break;
      case "approval_required":
        approval = { ...event.approval, decision: decisions.get(event.approval.id) ?? "pending" };
        break;
      case "message":
        messages.push({ role: "assistant", agent: event.agent, text: event.text, kind: event.kind, at, tools, ...(approval ? { approval } : {}) });
        tools = [];
        approval = undefined;
        break;
      case "error":
        messages.push({ role: "assistant", agent: (event as { agent?: string }).agent ?? null, text: event.message, kind: "error", at, tools });
        tools = [];
        break;
    }
  }
  return messages;
}
