import type { AnyTool } from "../../tools/define.js";
import { callTool } from "../../tools/door.js";
import type { McpContext } from "../context.js";
import { callerOf } from "../principal.js";
import { approvalResult } from "./approval.js";
import { okResult } from "./results.js";
import type { McpTool } from "./types.js";

/**
 * A registry tool behind MCP: the call goes through the tool door like every other door's, so
 * input validation, roles, API-key permissions, approvals, the transaction and the audit row
 * are the door's. A call held for approval answers the approval, not an error.
 */
export function registryTool(tool: AnyTool, ctx: McpContext): McpTool {
  return {
    definition: ctx.catalog.get(tool.name)!,
    async call(args, extra) {
      const outcome = await callTool(ctx.runtime.core, tool.name, args, callerOf(ctx.principal, extra.signal));
      if (outcome.status === "approval_required") return approvalResult(outcome.approval);
      return okResult(outcome.safeOutput, outcome.shownOnce);
    },
  };
}
