import { z } from "zod";
import type { CallToolResult } from "@modelcontextprotocol/sdk/types.js";
import type { ApprovalRequest } from "../../tools/door.js";
import { outputSchemaOf } from "./json-schema.js";

/** What a call held for approval answers, instead of running: a plain, storable value. */
export const ApprovalRequired = z.object({
  status: z.literal("approval_required"),
  approval_id: z.string(),
  tool: z.string(),
  action: z.string().describe("the exact action that waits, in words"),
  arguments: z.record(z.string(), z.unknown()).describe("the call's arguments (secret ones redacted)"),
  thread_id: z.string().optional().describe("the ask_agent thread the action waits in"),
  next_step: z.string(),
});
export type ApprovalRequired = z.infer<typeof ApprovalRequired>;

export const APPROVAL_REQUIRED_SCHEMA = outputSchemaOf(ApprovalRequired);

export function approvalRequired(approval: ApprovalRequest, threadId?: string): ApprovalRequired {
  const target = threadId ? `thread_id "${threadId}"` : `approval_id "${approval.id}"`;
  return {
    status: "approval_required",
    approval_id: approval.id,
    tool: approval.tool,
    action: approval.summary,
    arguments: approval.args,
    ...(threadId ? { thread_id: threadId } : {}),
    next_step: `Nothing has run yet. Show the person this exact action and ask them. Then call approve_action with ${target} and approve: true to run it once, or approve: false to cancel it.`,
  };
}

/** Not an error: the call was understood and is held until someone approves it. */
export function approvalResult(approval: ApprovalRequest): CallToolResult {
  const structured = approvalRequired(approval);
  return {
    content: [
      { type: "text", text: JSON.stringify(structured) },
      { type: "text", text: `Approval required before anything runs: ${approval.summary}. ${structured.next_step}` },
    ],
    structuredContent: structured,
  };
}
