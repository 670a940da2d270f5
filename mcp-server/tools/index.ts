import type { Server } from "@modelcontextprotocol/sdk/server/index.js";
import type { McpContext } from "../context.js";
import { approveActionTool } from "./approve-action.js";
import { askAgentOpen, askAgentTool } from "./ask-agent.js";
import { registerTools } from "./register.js";
import { registryTool } from "./registry-tool.js";
import type { McpTool } from "./types.js";
import { whyUnavailable } from "./unavailable.js";

/**
 * The server's tools: one per exposed registry tool (generated, never written again), then
 * ask_agent and approve_action when this connection may use them.
 */
export function mcpTools(ctx: McpContext): McpTool[] {
  const tools = ctx.tools.map((t) => registryTool(t, ctx));
  const chat = askAgentOpen(ctx);
  if (chat) tools.push(askAgentTool(ctx));
  if (chat || ctx.tools.some((t) => t.effect === "destructive")) tools.push(approveActionTool(ctx));
  return tools;
}

export function registerAllTools(server: Server, ctx: McpContext): void {
  registerTools(server, mcpTools(ctx), ctx.log, (name) => whyUnavailable(ctx, name));
}

export { createToolCatalog, toolDefinition, type ToolCatalog } from "./catalog.js";
