import type { Server } from "@modelcontextprotocol/sdk/server/index.js";
import { CallToolRequestSchema, ListToolsRequestSchema, type CallToolResult } from "@modelcontextprotocol/sdk/types.js";
import type { McpLog } from "../log.js";
import { errorCode, explainError } from "./errors.js";
import { errorResult } from "./results.js";
import type { McpTool } from "./types.js";

/**
 * Serves `tools/list` and `tools/call` from a list of tools. (The SDK's `registerTool` wants zod
 * schemas it converts and checks itself; ours come from the registry with the door validating.)
 */
export function registerTools(server: Server, tools: readonly McpTool[], log: McpLog, whyUnavailable: (name: string) => string | undefined = () => undefined): void {
  const byName = new Map(tools.map((t) => [t.definition.name, t]));
  const listed = tools.map((t) => t.definition);
  server.registerCapabilities({ tools: { listChanged: false } });
  server.setRequestHandler(ListToolsRequestSchema, () => ({ tools: listed }));
  server.setRequestHandler(CallToolRequestSchema, async (request, extra): Promise<CallToolResult> => {
    const { name, arguments: args } = request.params;
    const tool = byName.get(name);
    if (!tool) {
      const why = whyUnavailable(name);
      log.info(`tools/call ${name.slice(0, 64)} ${why ? "FORBIDDEN" : "NOT_FOUND"}`);
      if (why) return errorResult(`FORBIDDEN: ${why}.\nChanging the arguments will not help; use another tool from tools/list.`);
      return errorResult(`NOT_FOUND: no tool named ${name}. Call tools/list; the tools here are: ${[...byName.keys()].join(", ")}`);
    }
    const t0 = performance.now();
    try {
      const result = await tool.call(args ?? {}, extra);
      log.info(`tools/call ${name} ${result.isError ? "error" : "ok"} ${(performance.now() - t0).toFixed(0)}ms`);
      return result;
    } catch (e) {
      const code = errorCode(e);
      // The code only: a message may quote the arguments.
      log.info(`tools/call ${name} ${code} ${(performance.now() - t0).toFixed(0)}ms`);
      if (code === "INTERNAL") log.error(`tools/call ${name} failed: ${e instanceof Error ? e.message.split("\n")[0]!.slice(0, 200) : typeof e}`);
      return errorResult(explainError(e, tool.definition));
    }
  });
}
