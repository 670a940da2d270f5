import { AGENT_NAMES, type AgentName } from "../agents/index.js";
import { DECLINE_BELOW } from "../llm/index.js";
import { analyse, indexTools, rankTools } from "../llm/providers/local/rank.js";
import type { AgentToolsets } from "./tool-defs.js";

/** The thread's current agent keeps a turn unless another agent's tool clearly fits better. */
export const CURRENT_AGENT_BONUS = 0.12;

export interface RouteDecision {
  agent: AgentName;
  reason: string;
  scores: Record<AgentName, number>;
}

export interface RouteInput {
  text: string;
  now: Date;
  current: AgentName | null;
  lastTool?: string;
  explicit?: AgentName;
  /** The current agent asked a question and waits for the answer. */
  awaitingAnswer?: boolean;
}

/**
 * Scores all five agents on every turn by their best tool for the command (the same lexical
 * ranking the local provider uses), with a bonus for the thread's current agent.
 */
export function routeTurn(toolsets: AgentToolsets, input: RouteInput): RouteDecision {
  const scores = {} as Record<AgentName, number>;
  if (input.explicit) {
    for (const a of AGENT_NAMES) scores[a] = a === input.explicit ? 1 : 0;
    return { agent: input.explicit, reason: "addressed by name", scores };
  }
  const analysed = analyse(input.text, input.now);
  let best: AgentName = "Copilot";
  let bestScore = -1;
  for (const agent of AGENT_NAMES) {
    const defs = toolsets.byAgent[agent];
    const top = defs.length ? rankTools(indexTools(defs), analysed, input.lastTool)[0] : undefined;
    const score = (top?.score ?? 0) + (agent === input.current ? CURRENT_AGENT_BONUS : 0);
    scores[agent] = score;
    if (score > bestScore) {
      best = agent;
      bestScore = score;
    }
  }
  if (input.current && (input.awaitingAnswer || bestScore < DECLINE_BELOW) && scores[input.current] >= bestScore - 0.25) {
    return { agent: input.current, reason: input.awaitingAnswer ? "answer to its question" : "follow-up in the thread", scores };
  }
  if (bestScore < DECLINE_BELOW) return { agent: input.current ?? "Copilot", reason: "no agent matches the request", scores };
  return { agent: best, reason: best === input.current ? "continues the thread" : "best match for the request", scores };
}
