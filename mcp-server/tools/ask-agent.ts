import { z } from "zod";
import { AGENT_NAMES } from "../../agents/index.js";
import { loggedTurn } from "../../graph/thread-log.js";
import { storeFor } from "../../tools/door.js";
import type { McpContext } from "../context.js";
import { defineMcpTool } from "./define-mcp-tool.js";
import { errorResult } from "./results.js";
import { AgentTurn, collectAgentTurn } from "./turn.js";

export const ASK_AGENT = "ask_agent";

/**
 * Whether this server offers the agents. Not in read-only mode (a turn may write), and not to
 * API-key callers: the runtime's tool calls carry the speaker, not the key, so a turn would not
 * be held to the key's permissions (nor to "no create_api_key over a key").
 */
export function askAgentOpen(ctx: Pick<McpContext, "exposure" | "principal">): boolean {
  return !ctx.exposure.readOnly && !ctx.principal.apiKey;
}

/**
 * A plain-language command through the multi-agent runtime, as the chat does: the router picks
 * the agent, which calls its tools. A destructive action stops the turn and comes back as the
 * pending call; approve_action with the thread id decides it.
 */
export function askAgentTool(ctx: McpContext) {
  return defineMcpTool({
    name: ASK_AGENT,
    title: "Ask the FlashFusion agents",
    description:
      "Run a plain-language command through FlashFusion's agents (FlowDirector: orders and onboarding; SignalSage: analytics; Copilot: notes, tasks, projects, drafts; CICDAssistant: pipelines, runs, webhooks, keys; SecurityAuditor: scans and compliance), e.g. \"Why did build #1234 fail?\". Pass thread_id to continue a conversation. When an action needs approval the answer has status awaiting_approval with the exact action; call approve_action with the thread_id to decide it (a new message in that thread cancels it instead).",
    input: z.object({
      text: z.string().trim().min(1).max(4000).describe("the command, in plain language"),
      thread_id: z.string().trim().min(1).optional().describe("the thread_id of an earlier answer, to continue that conversation"),
      agent: z.enum(AGENT_NAMES).optional().describe("address one agent directly instead of letting the router choose"),
    }),
    output: AgentTurn,
    annotations: { readOnlyHint: false, destructiveHint: false, idempotentHint: false, openWorldHint: true },
    async run(input, extra) {
      const speaker = { workspaceId: ctx.principal.workspaceId, actorId: ctx.principal.actor.id };
      const { turn, shownOnce, errors } = await collectAgentTurn(
        loggedTurn(
          storeFor(ctx.runtime.core, speaker.workspaceId),
          ctx.runtime.chat({ speaker, text: input.text, threadId: input.thread_id, agent: input.agent, signal: extra.signal }),
          input.text,
        ),
      );
      if (turn.status === "error" && !turn.tool_calls.length) {
        return errorResult(errors.map((e) => `${e.code}: ${e.message}`).join("\n") || "the turn failed; nothing was changed");
      }
      return { output: turn, shownOnce };
    },
  });
}
