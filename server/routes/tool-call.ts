import type { Context } from "hono";
import { z } from "zod";
import { callTool, type ApprovalRequest, type ToolOutcome } from "../../tools/door.js";
import { callerOf, type ServerContext } from "../context.js";
import type { AppEnv } from "../types.js";

export type DoneOutcome = Extract<ToolOutcome, { status: "ok" }>;

/** What an endpoint answers (202) when the call waits for a person's approval instead of running. */
export const ApprovalPending = z.object({
  success: z.literal(false),
  status: z.literal("approval_required"),
  approval_id: z.string(),
  tool: z.string(),
  action: z.string().describe("the exact action that waits, in words"),
  message: z.string(),
});

export function approvalPending(c: Context<AppEnv>, approval: ApprovalRequest): Response {
  return c.json(
    {
      success: false as const,
      status: "approval_required" as const,
      approval_id: approval.id,
      tool: approval.tool,
      action: approval.summary,
      message: `Nothing has run yet: ${approval.summary}. An admin approves it with POST /api/v1/approvals/${approval.id} {"approve": true}.`,
    },
    202,
  );
}

/** One call through the tool door as this request's principal; errors are the door's typed ones. */
export function callAs(ctx: ServerContext, c: Context<AppEnv>, tool: string, input: unknown): Promise<ToolOutcome> {
  return callTool(ctx.core, tool, input, callerOf(c));
}

/** A call that cannot wait for approval (reads, writes): its finished outcome. */
export async function callDone(ctx: ServerContext, c: Context<AppEnv>, tool: string, input: unknown): Promise<DoneOutcome> {
  const outcome = await callAs(ctx, c, tool, input);
  if (outcome.status !== "ok") throw new Error(`${tool} asked for approval`);
  return outcome;
}
