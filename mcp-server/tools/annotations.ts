import type { ToolAnnotations } from "@modelcontextprotocol/sdk/types.js";
import type { AnyTool } from "../../tools/define.js";

/** MCP's hints from the tool's declared effect (the door enforces it; clients may warn or confirm). */
export function annotationsOf(tool: AnyTool): ToolAnnotations {
  return {
    title: tool.title ?? tool.name,
    readOnlyHint: tool.effect === "read",
    destructiveHint: tool.effect === "destructive",
    idempotentHint: tool.idempotent ?? tool.effect === "read",
    openWorldHint: tool.openWorld ?? false,
  };
}
