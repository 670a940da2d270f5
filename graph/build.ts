import type { BaseCheckpointSaver } from "@langchain/langgraph";
import { END, START, StateGraph } from "@langchain/langgraph";
import { agentNode, hasToolCalls, toolsNode, type NodeDeps } from "./nodes.js";
import { AgentState } from "./state.js";

/** model ⇄ tools (the model node routes each new message first): the agent state machine, compiled with the thread checkpointer. */
export function buildGraph(deps: NodeDeps, checkpointer: BaseCheckpointSaver) {
  return new StateGraph(AgentState)
    .addNode("model", agentNode(deps))
    .addNode("tools", toolsNode(deps))
    .addEdge(START, "model")
    .addConditionalEdges("model", (state) => (hasToolCalls(state) ? "tools" : END), ["tools", END])
    .addEdge("tools", "model")
    .compile({ checkpointer });
}

export type AgentGraph = ReturnType<typeof buildGraph>;
