import type { AgentName } from "../agents/index.js";
import type { Clock } from "../entities/clock.js";
import type { Db } from "../entities/db.js";
import type { OrchestrateResponse } from "../llm/contract.js";
import type { IdGenerator } from "../entities/ids.js";
import type { Core } from "../tools/core.js";
import type { ToolRegistry } from "../tools/registry.js";
import type { RuntimeEvent, TurnStatus } from "./events.js";

export interface RuntimeOptions {
  db: Db;
  secretKey: string;
  clock?: Clock;
  ids?: IdGenerator;
  registry?: ToolRegistry;
  /** `local` (default without keys), `openai`, `anthropic`, or `scripted` for tests. */
  provider?: string;
  model?: string;
  /** Base URL of the chosen remote provider (a local stand-in in tests). */
  baseUrl?: string;
}

/** Who speaks: the workspace and the User row of the actor. */
export interface Speaker {
  workspaceId: string;
  actorId: string;
}

export interface ChatInput {
  speaker: Speaker;
  text: string;
  /** Continue this thread; a new one is created when absent. */
  threadId?: string;
  /** Address one agent directly instead of letting the router choose. */
  agent?: AgentName;
  signal?: AbortSignal;
}

export interface ApproveInput {
  speaker: Speaker;
  threadId: string;
  approve: boolean;
  signal?: AbortSignal;
}

export interface Runtime {
  readonly core: Core;
  /** One chat turn; the first event names the thread. */
  chat(input: ChatInput): AsyncIterable<RuntimeEvent>;
  /** Answers the thread's pending approval and finishes the turn it interrupted. */
  approve(input: ApproveInput): AsyncIterable<RuntimeEvent>;
  /** Seed 004 §1.3: one prompt through the runtime's model router, answered in its success or error shape. */
  orchestrate(request: unknown, options?: { signal?: AbortSignal }): Promise<OrchestrateResponse>;
  /** Waits for background work (runs, deliveries) to finish, up to `timeoutMs`. */
  settle(timeoutMs: number): Promise<boolean>;
  close(): Promise<void>;
}

/** A turn collected from its events: what the harness, the CLI and tests look at. */
export interface TurnResult {
  threadId: string;
  agents: AgentName[];
  reply: string;
  status: TurnStatus;
  approval?: { id: string; tool: string; args: Record<string, unknown>; summary: string };
  toolCalls: { tool: string; args: Record<string, unknown>; status: string }[];
  usage: { prompt_tokens: number; completion_tokens: number; cost_usd: number };
  events: RuntimeEvent[];
}

export async function collectTurn(events: AsyncIterable<RuntimeEvent>): Promise<TurnResult> {
  const result: TurnResult = {
    threadId: "",
    agents: [],
    reply: "",
    status: "completed",
    toolCalls: [],
    usage: { prompt_tokens: 0, completion_tokens: 0, cost_usd: 0 },
    events: [],
  };
  const replies: string[] = [];
  for await (const e of events) {
    result.events.push(e);
    switch (e.type) {
      case "thread":
        result.threadId = e.thread_id;
        break;
      case "agent":
        if (!result.agents.includes(e.agent)) result.agents.push(e.agent);
        break;
      case "tool_start":
        result.toolCalls.push({ tool: e.tool, args: e.args, status: "started" });
        break;
      case "tool_end": {
        const call = [...result.toolCalls].reverse().find((c) => c.tool === e.tool && c.status === "started");
        if (call) call.status = e.status;
        break;
      }
      case "approval_required":
        result.approval = e.approval;
        break;
      case "message":
        replies.push(e.text);
        break;
      case "usage":
        result.usage.prompt_tokens += e.prompt_tokens;
        result.usage.completion_tokens += e.completion_tokens;
        result.usage.cost_usd += e.cost_usd ?? 0;
        break;
      case "error":
        replies.push(e.message);
        break;
      case "done":
        result.threadId = e.thread_id;
        result.status = e.status;
        break;
    }
  }
  result.reply = replies.join("\n\n");
  return result;
}
