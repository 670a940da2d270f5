import type { RequestHandlerExtra } from "@modelcontextprotocol/sdk/shared/protocol.js";
import type { CallToolResult, ServerNotification, ServerRequest, Tool } from "@modelcontextprotocol/sdk/types.js";

export type RequestExtra = RequestHandlerExtra<ServerRequest, ServerNotification>;

/** One MCP tool: its definition for `tools/list` and how a call is answered. */
export interface McpTool {
  definition: Tool;
  /** Answers the call; a thrown error becomes an `isError` result that says how to fix the call. */
  call(args: Record<string, unknown>, extra: RequestExtra): Promise<CallToolResult>;
}
