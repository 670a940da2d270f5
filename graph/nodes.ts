import type { BaseChatModel } from "@langchain/core/language_models/chat_models";
import { AIMessage, type AIMessageChunk, type BaseMessage, SystemMessage, ToolMessage } from "@langchain/core/messages";
import { concat } from "@langchain/core/utils/stream";
import { interrupt, isGraphInterrupt, type LangGraphRunnableConfig } from "@langchain/langgraph";
import { AGENTS, type AgentName } from "../agents/index.js";
import { routeInfoOf, type LocalMeta, type ToolResultMeta } from "../llm/index.js";
import type { Actor } from "../tools/define.js";
import { callTool, type Caller } from "../tools/door.js";
import type { Core } from "../tools/core.js";
import { isToolError } from "../tools/errors.js";
import { redactInput } from "../tools/redact.js";
import type { RuntimeEvent } from "./events.js";
import { routeTurn } from "./router.js";
import type { ApprovalInterrupt, ApprovalResume, AgentStateValue, TurnConfig } from "./state.js";
import type { AgentToolsets } from "./tool-defs.js";

export interface NodeDeps {
  core: Core;
  model: BaseChatModel;
  toolsets: AgentToolsets;
}

function turnOf(config: LangGraphRunnableConfig): TurnConfig {
  return config.configurable as unknown as TurnConfig;
}

function emit(config: LangGraphRunnableConfig, event: RuntimeEvent): void {
  config.writer?.(event);
}

function textOf(m: BaseMessage): string {
  return typeof m.content === "string" ? m.content : m.content.map((c) => ("text" in c ? String(c.text) : "")).join("");
}

/** Picks the agent for a new message: the router scores all five (graph/router.ts). */
function route(deps: NodeDeps, state: AgentStateValue, turn: TurnConfig, config: LangGraphRunnableConfig): AgentName {
  const human = state.messages.at(-1)!;
  const previousAi = [...state.messages].reverse().find((m) => m.getType() === "ai");
  const awaitingAnswer = (previousAi?.additional_kwargs?.ff as LocalMeta | undefined)?.kind === "clarification";
  const decision = routeTurn(deps.toolsets, {
    text: textOf(human),
    now: new Date(turn.now),
    current: state.agent,
    lastTool: state.lastTool ?? undefined,
    explicit: turn.agent,
    awaitingAnswer,
  });
  emit(config, { type: "agent", agent: decision.agent, reason: decision.reason });
  return decision.agent;
}

/**
 * The model node. On a new message it first routes (one step, so a turn costs no more
 * checkpoints than a bare model ⇄ tools graph), then asks the agent's model for the next move.
 */
export function agentNode(deps: NodeDeps) {
  return async (state: AgentStateValue, config: LangGraphRunnableConfig) => {
    const turn = turnOf(config);
    const newMessage = state.messages.at(-1)?.getType() === "human";
    const agent = newMessage ? route(deps, state, turn, config) : (state.agent ?? "Copilot");
    const bound = deps.model.bindTools!(deps.toolsets.byAgent[agent] as never, {
      now: turn.now,
      lastTool: state.lastTool ?? undefined,
      llm: { workspace_id: turn.workspace_id, user_id: turn.actor_id, agent, thread_id: turn.thread_id, run_id: turn.run_id },
    } as never);
    const system = `${AGENTS[agent].systemPrompt}\n\nCurrent time: ${turn.now} (UTC).`;
    const messages = [new SystemMessage(system), ...state.messages];
    let full: AIMessageChunk | undefined;
    for await (const chunk of await bound.stream(messages, { signal: config.signal })) {
      full = full ? concat(full, chunk as AIMessageChunk) : (chunk as AIMessageChunk);
      const text = typeof chunk.content === "string" ? chunk.content : "";
      if (text) emit(config, { type: "token", agent, text });
    }
    const usage = full?.usage_metadata;
    const routed = full ? routeInfoOf(full) : undefined;
    emit(config, {
      type: "usage",
      agent,
      prompt_tokens: usage?.input_tokens ?? 0,
      completion_tokens: usage?.output_tokens ?? 0,
      cost_usd: routed ? routed.cost_usd : 0,
    });
    const message = new AIMessage({
      content: full?.content ?? "",
      tool_calls: full?.tool_calls ?? [],
      additional_kwargs: full?.additional_kwargs ?? {},
      usage_metadata: usage,
      name: agent,
    });
    return newMessage ? { messages: [message], agent } : { messages: [message] };
  };
}

export function hasToolCalls(state: AgentStateValue): boolean {
  const last = state.messages.at(-1);
  return !!last && last.getType() === "ai" && ((last as AIMessage).tool_calls?.length ?? 0) > 0;
}

function toolMessage(callId: string, name: string, content: unknown, meta: ToolResultMeta): ToolMessage {
  return new ToolMessage({
    tool_call_id: callId,
    name,
    content: typeof content === "string" ? content : JSON.stringify(content),
    additional_kwargs: { ff: meta },
    status: meta.status === "error" ? "error" : "success",
  });
}

/**
 * Runs the agent's tool calls through the tool door. A destructive call stops the graph with an
 * interrupt carrying the exact call; on resume it runs once (the door's idempotency record
 * replays it if this node runs again after a crash) or, rejected, changes nothing.
 */
export function toolsNode(deps: NodeDeps) {
  return async (state: AgentStateValue, config: LangGraphRunnableConfig) => {
    const turn = turnOf(config);
    const agent: AgentName = state.agent ?? "Copilot";
    const last = state.messages.at(-1) as AIMessage;
    const actor: Actor = turn.actor;
    const results: ToolMessage[] = [];
    let lastTool: string | null = state.lastTool;
    for (const tc of last.tool_calls ?? []) {
      const callIdValue = tc.id ?? `${tc.name}`;
      const caller: Caller = {
        workspaceId: turn.workspace_id,
        actor,
        threadId: turn.thread_id,
        toolCallId: callIdValue,
        agent,
        idempotencyKey: `${turn.thread_id}:${callIdValue}`,
        signal: config.signal,
      };
      const shownArgs = deps.core.registry.has(tc.name) ? redactInput(deps.core.registry.get(tc.name), tc.args) : tc.args;
      emit(config, { type: "tool_start", agent, tool: tc.name, call_id: callIdValue, args: shownArgs });
      lastTool = tc.name;
      try {
        let outcome = await callTool(deps.core, tc.name, tc.args, caller);
        if (outcome.status === "approval_required") {
          const payload: ApprovalInterrupt = { kind: "approval", agent, tool_call_id: callIdValue, approval: outcome.approval };
          const decision = interrupt<ApprovalInterrupt, ApprovalResume>(payload);
          if (!decision.approved) {
            const reply = `Understood — I did not ${outcome.approval.summary.replace(/^./, (c) => c.toLowerCase())}. Nothing was changed.`;
            results.push(toolMessage(callIdValue, tc.name, { rejected: true, approval_id: outcome.approval.id }, { status: "rejected", reply }));
            emit(config, { type: "tool_end", agent, tool: tc.name, call_id: callIdValue, status: "error", error: { code: "REJECTED", message: "the person rejected the action" } });
            continue;
          }
          outcome = await callTool(deps.core, tc.name, tc.args, { ...caller, approvalId: outcome.approval.id });
        }
        if (outcome.status !== "ok") throw new Error("a destructive call asked for approval twice");
        // The thread (checkpointed, and read by models) keeps only the safe form of the result.
        results.push(toolMessage(callIdValue, tc.name, outcome.safeOutput, { status: "ok", reply: outcome.safeReply }));
        const shown = Object.keys(outcome.shownOnce).length ? { shown_once: outcome.shownOnce } : {};
        emit(config, { type: "tool_end", agent, tool: tc.name, call_id: callIdValue, status: "ok", output: outcome.displayOutput, ...shown });
      } catch (e) {
        if (isGraphInterrupt(e)) throw e;
        const error = isToolError(e)
          ? {
              code: e.code,
              message: e.message,
              field: typeof e.details.field === "string" ? e.details.field : undefined,
              allowed: Array.isArray(e.details.allowed) ? e.details.allowed.map(String) : undefined,
              ask: e.details.ask === true,
            }
          : { code: "INTERNAL", message: "something went wrong inside the tool; nothing was changed" };
        if (!isToolError(e)) console.error(`[flashfusion] tool ${tc.name} failed:`, e instanceof Error ? e.message : e);
        results.push(toolMessage(callIdValue, tc.name, { error }, { status: "error", error }));
        emit(config, { type: "tool_end", agent, tool: tc.name, call_id: callIdValue, status: "error", error: { code: error.code, message: error.message } });
      }
    }
    return { messages: results, lastTool };
  };
}
