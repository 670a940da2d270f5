import type { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { AGENTS, toolsetOf } from "../../agents/index.js";
import type { McpContext } from "../context.js";
import { askAgentOpen } from "../tools/ask-agent.js";
import { agentsOf } from "../toolsets.js";
import { registerAgentPrompt } from "./agent-prompt.js";

/** A prompt for each agent of the chosen toolsets that has a tool this caller may use. */
export function registerPrompts(server: McpServer, ctx: McpContext): void {
  const exposed = new Set(ctx.tools.map((t) => t.name));
  const chat = askAgentOpen(ctx);
  for (const name of agentsOf(ctx.exposure)) {
    const agent = AGENTS[name];
    const tools = toolsetOf(agent, ctx.runtime.core.registry).filter((t) => exposed.has(t.name));
    if (tools.length) registerAgentPrompt(server, { agent, tools, chat });
  }
}
