import { z } from "zod";
import type { Entities } from "../../entities/index.js";
import { callTool, decideApproval, storeFor } from "../../tools/door.js";
import { callerOf, type ServerContext } from "../context.js";
import { HttpError } from "../http/errors.js";
import type { Routes } from "../openapi/route.js";

const ApprovalView = z.object({
  id: z.string(),
  tool: z.string(),
  action: z.string(),
  args: z.record(z.string(), z.unknown()),
  status: z.enum(["pending", "approved", "rejected", "consumed", "expired"]),
  thread_id: z.string().nullable(),
  requested_by: z.string().nullable(),
  created_at: z.string(),
});

const Decision = z.object({
  approval_id: z.string(),
  tool: z.string(),
  decision: z.enum(["approved", "rejected"]),
  reply: z.string(),
  result: z.unknown().optional().describe("the tool's answer, when the approved call ran"),
});

/** The value the door keeps in an approval for an argument marked secret. */
const REDACTED = "[redacted]";

const view = (a: Entities["PendingApproval"]) => ({
  id: a.id,
  tool: a.tool,
  action: a.summary,
  args: a.args,
  status: a.status,
  thread_id: a.thread_id,
  requested_by: a.requested_by,
  created_at: a.created_at,
});

/**
 * Actions held for approval outside a conversation (a trigger to a protected environment, a key
 * revocation over HTTP): listed, and decided by a signed-in person. Approved, the exact recorded
 * call runs once through the door, which consumes the approval by compare-and-set.
 */
export function registerApprovalRoutes(routes: Routes, ctx: ServerContext): void {
  routes.add(
    {
      method: "get",
      path: "/api/v1/approvals",
      operationId: "listApprovals",
      summary: "List actions waiting for approval",
      tag: "Approvals",
      auth: ["user"],
      query: z.object({ status: z.enum(["pending", "approved", "rejected", "consumed", "expired"]).default("pending") }),
      responses: { 200: { description: "The approvals, newest first", schema: z.object({ items: z.array(ApprovalView) }) } },
    },
    async (c, { query }) => {
      const rows = await storeFor(ctx.core, c.get("principal").workspaceId).find("PendingApproval", { status: query.status }, { orderBy: "created_at", direction: "desc", limit: 100 });
      return c.json({ items: rows.map(view) });
    },
  );

  routes.add(
    {
      method: "post",
      path: "/api/v1/approvals/{id}",
      operationId: "decideApproval",
      summary: "Approve or reject a held action",
      description: "approve: true runs exactly the recorded call once; false cancels it and changes nothing. Actions held in a conversation are answered at POST /api/v1/threads/{id}/approve.",
      tag: "Approvals",
      auth: ["user"],
      params: z.object({ id: z.string().min(1).max(100) }),
      body: z.object({ approve: z.boolean() }),
      responses: { 200: { description: "The decision, and the result when it ran", schema: Decision } },
      errors: [400, 403, 404, 409],
    },
    async (c, { params, body }) => {
      const caller = callerOf(c);
      const store = storeFor(ctx.core, caller.workspaceId);
      const approval = await store.get("PendingApproval", params.id);
      if (!approval) throw new HttpError("NOT_FOUND", `No approval ${params.id} in this workspace`);
      if (approval.thread_id) {
        throw new HttpError("CONFLICT", `This action waits in conversation ${approval.thread_id}; answer it at POST /api/v1/threads/${approval.thread_id}/approve`);
      }
      const secret = Object.values(approval.args).includes(REDACTED);
      if (approval.status === "pending") {
        await decideApproval(ctx.core, caller, approval.id, body.approve && !secret);
      } else if (!(approval.status === "approved" && body.approve)) {
        // An approval granted whose call then failed may run again; nothing else may.
        throw new HttpError("CONFLICT", `Approval ${approval.id} ${approval.status === "consumed" ? "has already run" : `was already ${approval.status}`}`);
      }
      if (!body.approve || secret) {
        if (secret && body.approve) {
          throw new HttpError("VALIDATION", `This ${approval.tool} call had a secret argument, which FlashFusion does not keep, so it cannot run from the approval; it was cancelled. Make the call again.`);
        }
        return c.json({ approval_id: approval.id, tool: approval.tool, decision: "rejected" as const, reply: `Cancelled: ${approval.summary}. Nothing was changed.` });
      }
      const outcome = await callTool(ctx.core, approval.tool, approval.args, { ...caller, approvalId: approval.id });
      if (outcome.status !== "ok") throw new Error(`${approval.tool} asked for approval again`);
      const answer = (result: unknown, reply: string) => ({ approval_id: approval.id, tool: approval.tool, decision: "approved" as const, reply, result });
      c.set("replayBody", answer(outcome.safeOutput, outcome.safeReply));
      return c.json(answer(outcome.output, outcome.reply));
    },
  );
}
