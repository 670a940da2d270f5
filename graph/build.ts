import type { BaseCheckpointSaver } from "@langchain/langgraph";
import { END, START, StateGraph } from "@langchain/langgraph";
import { agentNode, hasToolCalls, routeNode, toolsNode, type NodeDeps } from "./nodes.js";
import { AgentState } from "./state.js";

/** route → model ⇄ tools: the agent state machine, compiled with the thread checkpointer. */
export function buildGraph(deps: NodeDeps, checkpointer: BaseCheckpointSaver) {
  return new StateGraph(AgentState)
    .addNode("route", routeNode(deps))
    .addNode("model", agentNode(deps))
    .addNode("tools", toolsNode(deps))
    .addEdge(START, "route")
    .addEdge("route", "model")
    .addConditionalEdges("model", (state) => (hasToolCalls(state) ? "tools" : END), ["tools", END])
    .addEdge("tools", "model")
    .compile({ checkpointer });
}

export type AgentGraph = ReturnType<typeof buildGraph>;
