import type { AgentName } from "../../agents/index.js";
import type { Entities } from "../../entities/index.js";
import type { RuntimeEvent, TurnStatus } from "../../graph/events.js";
import type { ApproveInput, ChatInput, Runtime, RuntimeOptions, Speaker } from "../../graph/types.js";
import { createCore, type Core } from "../../tools/core.js";
import type { Actor, AnyTool } from "../../tools/define.js";
import { callTool, decideApproval, storeFor, type Caller } from "../../tools/door.js";
import { ToolError, isToolError } from "../../tools/errors.js";
import { createRegistry } from "../../tools/registry.js";
import { createLlmRouter } from "../../llm/router.js";
import type { OrchestrateResponse } from "../../llm/contract.js";
import type { RuntimeFactory } from "../run-case.js";

export interface ScriptedCall {
  tool: string;
  args: Record<string, unknown>;
}

/** What the scripted model does when a person says one exact text. */
export interface ScriptedTurn {
  agent?: AgentName;
  /** Tool calls in order, through the tool door; the turn stops at an approval or an error. */
  calls?: readonly ScriptedCall[];
  /** Words added after the tools' replies. */
  reply?: string;
  /** The runtime throws this instead of answering. */
  throws?: string;
  /** Tokens reported for the turn. */
  usage?: { prompt_tokens: number; completion_tokens: number; cost_usd: number };
}

/** Keyed by what the person says (trimmed); anything else is declined. */
export type Script = Readonly<Record<string, ScriptedTurn>>;

interface Pending {
  approvalId: string;
  agent: AgentName;
  calls: readonly ScriptedCall[];
}

/**
 * A `Runtime` without a model: each text maps to a fixed list of tool calls, made through the
 * same tool door as every other door (validation, approvals, audit), so the harness can be
 * tested on every matcher and every turn status before the real agents exist.
 */
export function scriptedRuntime(tools: readonly AnyTool[], script: Script): RuntimeFactory {
  return async (options: RuntimeOptions) => {
    const core = createCore({
      db: options.db,
      secretKey: options.secretKey,
      registry: createRegistry(tools),
      clock: options.clock,
      ids: options.ids,
    });
    await core.start();
    return new ScriptedRuntime(core, script);
  };
}

class ScriptedRuntime implements Runtime {
  private readonly pending = new Map<string, Pending>();
  private llm: ReturnType<typeof createLlmRouter> | undefined;

  constructor(
    readonly core: Core,
    private readonly script: Script,
  ) {}

  async *chat(input: ChatInput): AsyncIterable<RuntimeEvent> {
    const thread = await this.thread(input.speaker, input.threadId, input.text);
    yield { type: "thread", thread_id: thread.id };
    const entry = this.script[input.text.trim()];
    if (!entry) {
      yield { type: "message", agent: null, text: "Sorry, I can't help with that.", kind: "decline" };
      yield { type: "done", thread_id: thread.id, status: "declined" };
      return;
    }
    if (entry.throws) throw new Error(entry.throws);
    const agent = entry.agent ?? "Copilot";
    yield { type: "agent", agent, reason: "scripted" };
    if (entry.usage) yield { type: "usage", agent, ...entry.usage };
    yield* this.play(input.speaker, thread.id, agent, entry.calls ?? [], entry.reply);
  }

  async *approve(input: ApproveInput): AsyncIterable<RuntimeEvent> {
    const waiting = this.pending.get(input.threadId);
    if (!waiting) throw new ToolError("NOT_FOUND", `nothing in thread ${input.threadId} waits for approval`);
    this.pending.delete(input.threadId);
    yield { type: "thread", thread_id: input.threadId };
    const caller = await this.caller(input.speaker, input.threadId, waiting.agent);
    await decideApproval(this.core, caller, waiting.approvalId, input.approve);
    if (!input.approve) {
      yield { type: "message", agent: waiting.agent, text: "Cancelled; nothing was changed.", kind: "answer" };
      yield { type: "done", thread_id: input.threadId, status: "completed" };
      return;
    }
    yield* this.play(input.speaker, input.threadId, waiting.agent, waiting.calls, undefined, waiting.approvalId);
  }

  /** Prompts have no script: the local provider answers them, with usage recorded as usual. */
  orchestrate(request: unknown, options?: { signal?: AbortSignal }): Promise<OrchestrateResponse> {
    this.llm ??= createLlmRouter({ store: { db: this.core.db.kysely, cipher: this.core.cipher, clock: this.core.clock }, provider: "local" });
    return this.llm.orchestrate(request, options);
  }

  settle(timeoutMs: number): Promise<boolean> {
    return this.core.services.background.settle(timeoutMs);
  }

  close(): Promise<void> {
    return this.core.stop();
  }

  /** Makes the calls in order; `approvalId` is the approval the first of them claims. */
  private async *play(
    speaker: Speaker,
    threadId: string,
    agent: AgentName,
    queue: readonly ScriptedCall[],
    closing?: string,
    approvalId?: string,
  ): AsyncGenerator<RuntimeEvent> {
    const replies: string[] = [];
    let status: TurnStatus = "completed";
    for (const [i, call] of queue.entries()) {
      const callId = `call_${i}`;
      yield { type: "tool_start", agent, tool: call.tool, call_id: callId, args: call.args };
      try {
        const caller = { ...(await this.caller(speaker, threadId, agent)), toolCallId: callId, approvalId: i === 0 ? approvalId : undefined };
        const outcome = await callTool(this.core, call.tool, call.args, caller);
        if (outcome.status === "approval_required") {
          yield { type: "tool_end", agent, tool: call.tool, call_id: callId, status: "approval_required" };
          yield { type: "approval_required", agent, approval: outcome.approval };
          yield { type: "message", agent, text: `This needs your approval: ${outcome.approval.summary}`, kind: "answer" };
          this.pending.set(threadId, { approvalId: outcome.approval.id, agent, calls: queue.slice(i) });
          yield { type: "done", thread_id: threadId, status: "awaiting_approval" };
          return;
        }
        yield { type: "tool_end", agent, tool: call.tool, call_id: callId, status: "ok", output: outcome.output };
        replies.push(outcome.reply);
      } catch (e) {
        if (!isToolError(e)) throw e;
        yield { type: "tool_end", agent, tool: call.tool, call_id: callId, status: "error", error: { code: e.code, message: e.message } };
        status = e.details.ask ? "clarification" : "completed";
        replies.push(e.details.ask ? e.message : `I couldn't do that: ${e.message}`);
        break;
      }
    }
    if (closing && status === "completed") replies.push(closing);
    yield { type: "message", agent, text: replies.join("\n"), kind: status === "clarification" ? "clarification" : "answer" };
    yield { type: "done", thread_id: threadId, status };
  }

  private async thread(speaker: Speaker, threadId: string | undefined, text: string): Promise<Entities["Thread"]> {
    const store = storeFor(this.core, speaker.workspaceId);
    if (threadId) return store.require("Thread", threadId);
    return store.insert("Thread", { actor_id: speaker.actorId, title: text.slice(0, 80) || null });
  }

  private async caller(speaker: Speaker, threadId: string, agent: AgentName): Promise<Caller> {
    const user = await storeFor(this.core, speaker.workspaceId).require("User", speaker.actorId);
    const actor: Actor = { id: user.id, role: user.role, email: user.email, full_name: user.full_name };
    return { workspaceId: speaker.workspaceId, actor, threadId, agent };
  }
}
