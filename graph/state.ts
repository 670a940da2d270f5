import { Annotation, MessagesAnnotation } from "@langchain/langgraph";
import type { AgentName } from "../agents/index.js";

/** The agent state machine's state: each field with its reducer and default. */
export const AgentState = Annotation.Root({
  ...MessagesAnnotation.spec,
  /** The agent holding the thread. */
  agent: Annotation<AgentName | null>({ reducer: (_, next) => next, default: () => null }),
  /** The tool called last, for follow-ups. */
  lastTool: Annotation<string | null>({ reducer: (_, next) => next, default: () => null }),
});

export type AgentStateValue = typeof AgentState.State;

/** What a turn carries in `configurable` besides the thread id: plain, serialisable values. */
export interface TurnConfig {
  thread_id: string;
  /** One id per turn (run), for usage totals. */
  run_id: string;
  workspace_id: string;
  actor_id: string;
  /** The speaker as the tool door needs it, resolved once per turn. */
  actor: { id: string; role: "admin" | "member" | "customer"; email: string; full_name: string };
  /** Business time of the turn (ISO). */
  now: string;
  agent?: AgentName;
}

/** The payload of the approval interrupt: the exact call waiting for a decision. */
export interface ApprovalInterrupt {
  kind: "approval";
  agent: AgentName;
  tool_call_id: string;
  approval: { id: string; tool: string; args: Record<string, unknown>; summary: string };
}

export interface ApprovalResume {
  approved: boolean;
}
