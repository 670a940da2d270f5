import { z } from "zod";
import type { RuntimeEvent } from "../../graph/events.js";
import { collectTurn, type TurnResult } from "../../graph/types.js";
import { approvalRequired, ApprovalRequired } from "./approval.js";

/** A chat turn as ask_agent and approve_action answer it: what the person reads, and what waits. */
export const AgentTurn = z.object({
  thread_id: z.string().describe("pass it back to continue the conversation"),
  status: z.enum(["completed", "awaiting_approval", "clarification", "declined", "error"]),
  agents: z.array(z.string()).describe("the agents that answered"),
  reply: z.string().describe("the answer, for the person"),
  tool_calls: z.array(z.object({ tool: z.string(), status: z.string() })),
  approval: ApprovalRequired.optional().describe("when status is awaiting_approval: the exact action that waits"),
});
export type AgentTurn = z.infer<typeof AgentTurn>;

export interface CollectedTurn {
  turn: AgentTurn;
  /** Values a tool showed this once during the turn (a new API key), by `tool.field`. */
  shownOnce: Record<string, string>;
  errors: { code: string; message: string }[];
}

function shownOnceOf(events: readonly RuntimeEvent[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const e of events) {
    if (e.type !== "tool_end" || !e.shown_once) continue;
    for (const [field, value] of Object.entries(e.shown_once)) out[`${e.tool}.${field}`] = value;
  }
  return out;
}

export function viewTurn(result: TurnResult): CollectedTurn {
  const turn: AgentTurn = {
    thread_id: result.threadId,
    status: result.status,
    agents: result.agents,
    reply: result.reply,
    tool_calls: result.toolCalls.map((c) => ({ tool: c.tool, status: c.status })),
    ...(result.approval && result.status === "awaiting_approval" ? { approval: approvalRequired(result.approval, result.threadId) } : {}),
  };
  const errors = result.events.flatMap((e) => (e.type === "error" ? [{ code: e.code, message: e.message }] : []));
  return { turn, shownOnce: shownOnceOf(result.events), errors };
}

export async function collectAgentTurn(events: AsyncIterable<RuntimeEvent>): Promise<CollectedTurn> {
  return viewTurn(await collectTurn(events));
}
