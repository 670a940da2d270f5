import type { AgentName } from "../agents/index.js";

/**
 * One typed event stream for every door (CLI, SSE, MCP, evals). Every event of a turn carries
 * the agent that produced it once an agent has been chosen.
 */
export type RuntimeEvent =
  | { type: "thread"; thread_id: string }
  | { type: "agent"; agent: AgentName; reason: string }
  | { type: "token"; agent: AgentName; text: string }
  | { type: "tool_start"; agent: AgentName; tool: string; call_id: string; args: Record<string, unknown> }
  | {
      type: "tool_end";
      agent: AgentName;
      tool: string;
      call_id: string;
      status: "ok" | "error" | "approval_required";
      /** What the tool answered, for the screen: charts kept, values shown once replaced. */
      output?: unknown;
      /** Values the person sees this once and nobody keeps: a new API key, a signing secret. */
      shown_once?: Record<string, string>;
      error?: { code: string; message: string };
    }
  | { type: "approval_required"; agent: AgentName; approval: { id: string; tool: string; args: Record<string, unknown>; summary: string } }
  | { type: "message"; agent: AgentName | null; text: string; kind: MessageKind }
  | { type: "usage"; agent: AgentName | null; prompt_tokens: number; completion_tokens: number; cost_usd: number | null }
  | { type: "error"; code: string; message: string }
  | { type: "done"; thread_id: string; status: TurnStatus };

export type RuntimeEventType = RuntimeEvent["type"];

/** answer: the work was done or the question answered; clarification: it asks for something it needs. */
export type MessageKind = "answer" | "clarification" | "decline" | "error";

export type TurnStatus = "completed" | "awaiting_approval" | "clarification" | "declined" | "error";
