import { z } from "zod";
import type { Entities } from "../../entities/index.js";
import { callTool, decideApproval, storeFor } from "../../tools/door.js";
import { loggedTurn } from "../../graph/thread-log.js";
import { ToolError } from "../../tools/errors.js";
import type { McpContext } from "../context.js";
import { callerOf, refusal } from "../principal.js";
import { askAgentOpen } from "./ask-agent.js";
import { defineMcpTool } from "./define-mcp-tool.js";
import { AgentTurn, collectAgentTurn } from "./turn.js";
import type { RequestExtra } from "./types.js";

export const APPROVE_ACTION = "approve_action";

const Decision = z.object({
  approval_id: z.string(),
  tool: z.string(),
  decision: z.enum(["approved", "rejected"]),
  reply: z.string().describe("what happened, for the person"),
  result: z.record(z.string(), z.unknown()).optional().describe("the tool's output, when the approved call ran"),
  turn: AgentTurn.optional().describe("for an action that waited in an ask_agent thread: how that turn ended"),
});
type Decision = z.infer<typeof Decision>;
type Answer = { output: Decision; shownOnce?: Record<string, string> };

/** The top-level value the door puts in an approval for an argument marked secret. */
const REDACTED = "[redacted]";

/**
 * Answers a held call. A call held from a direct tool call is decided through the door and, when
 * approved, run once with exactly the recorded arguments (the door consumes the approval by
 * compare-and-set in the tool's transaction). One held in an ask_agent thread is decided by the
 * runtime, which resumes the turn.
 */
export function approveActionTool(ctx: McpContext) {
  const door = ctx.runtime.core;
  const exposed = new Set(ctx.tools.map((t) => t.name));
  const chatOpen = askAgentOpen(ctx);

  async function inThread(threadId: string, approval: Entities["PendingApproval"], approve: boolean, extra: RequestExtra): Promise<Answer> {
    if (!chatOpen) throw new ToolError("FORBIDDEN", "this action waits in an agent conversation, which this connection cannot continue");
    const speaker = { workspaceId: ctx.principal.workspaceId, actorId: ctx.principal.actor.id };
    const { turn, shownOnce } = await collectAgentTurn(loggedTurn(storeFor(door, speaker.workspaceId), ctx.runtime.approve({ speaker, threadId, approve, signal: extra.signal }), null));
    if (turn.status === "error" && !turn.tool_calls.length) throw new ToolError("CONFLICT", turn.reply || `thread ${threadId} could not be resumed`);
    return { output: { approval_id: approval.id, tool: approval.tool, decision: approve ? "approved" : "rejected", reply: turn.reply, turn }, shownOnce };
  }

  async function direct(approval: Entities["PendingApproval"], approve: boolean, extra: RequestExtra): Promise<Answer> {
    const tool = door.registry.has(approval.tool) ? door.registry.get(approval.tool) : undefined;
    const refused = tool ? refusal(ctx.principal, tool) : "its tool no longer exists";
    if (!tool || !exposed.has(tool.name) || refused) throw new ToolError("FORBIDDEN", `this connection cannot decide on ${approval.tool}${refused ? `: ${refused}` : ""}`);
    const caller = callerOf(ctx.principal, extra.signal);
    if (approval.status === "pending") {
      const secret = Object.values(approval.args).includes(REDACTED);
      await decideApproval(door, caller, approval.id, approve && !secret);
      if (secret && approve) {
        throw new ToolError("VALIDATION", `this ${tool.name} call had a secret argument, which FlashFusion does not keep, so it cannot run from the approval; it was cancelled. Call ${tool.name} again to request a new approval.`);
      }
    } else if (!(approval.status === "approved" && approve)) {
      // An approval that was granted but whose call failed may run again; nothing else may.
      const state = approval.status === "consumed" ? "has already run" : `was already ${approval.status}`;
      throw new ToolError("CONFLICT", `approval ${approval.id} ${state}; call ${tool.name} again to request a new one`);
    }
    if (!approve) {
      return { output: { approval_id: approval.id, tool: tool.name, decision: "rejected", reply: `Cancelled: ${approval.summary}. Nothing was changed.` } };
    }
    const outcome = await callTool(door, tool.name, approval.args, { ...caller, approvalId: approval.id });
    if (outcome.status !== "ok") throw new Error(`${tool.name} asked for approval again`);
    return {
      output: { approval_id: approval.id, tool: tool.name, decision: "approved", reply: outcome.safeReply, result: outcome.safeOutput as Record<string, unknown> },
      shownOnce: outcome.shownOnce,
    };
  }

  return defineMcpTool({
    name: APPROVE_ACTION,
    title: "Approve or reject a held action",
    description:
      "Decide an action that waits for approval: pass the approval_id a tool answered (status approval_required), or the thread_id of an ask_agent answer with status awaiting_approval. approve: true runs exactly that action once; approve: false cancels it and changes nothing. Call it only with the person's decision.",
    input: z.object({
      approval_id: z.string().trim().min(1).optional().describe("the approval_id of the held action"),
      thread_id: z.string().trim().min(1).optional().describe("the ask_agent thread whose action waits"),
      approve: z.boolean().describe("true to run the action once, false to cancel it"),
    }),
    output: Decision,
    annotations: { readOnlyHint: false, destructiveHint: true, idempotentHint: false, openWorldHint: true },
    async run(input, extra) {
      const store = storeFor(door, ctx.principal.workspaceId);
      let approval: Entities["PendingApproval"] | undefined;
      if (input.approval_id) {
        approval = await store.get("PendingApproval", input.approval_id);
        if (!approval) throw new ToolError("NOT_FOUND", `no approval ${input.approval_id} in this workspace`, { field: "approval_id" });
      } else if (input.thread_id) {
        approval = await store.findOne("PendingApproval", { thread_id: input.thread_id, status: "pending" }, { orderBy: "created_at", direction: "desc" });
        if (!approval) throw new ToolError("CONFLICT", `nothing in thread ${input.thread_id} waits for approval`, { field: "thread_id" });
      } else {
        throw new ToolError("VALIDATION", "give approval_id (from a tool's approval_required answer) or thread_id (from ask_agent)", { field: "approval_id" });
      }
      if (input.thread_id && approval.thread_id !== input.thread_id) {
        throw new ToolError("VALIDATION", `approval ${approval.id} does not wait in thread ${input.thread_id}`, { field: "thread_id" });
      }
      if (approval.thread_id) {
        if (approval.status !== "pending") throw new ToolError("CONFLICT", `approval ${approval.id} was already ${approval.status}`);
        return inThread(approval.thread_id, approval, input.approve, extra);
      }
      return direct(approval, input.approve, extra);
    },
  });
}
