import type { McpContext } from "../context.js";
import { refusal } from "../principal.js";
import { exposedTools } from "../toolsets.js";
import { ASK_AGENT } from "./ask-agent.js";

/**
 * Why a tool this server does not list cannot be called here — it exists, but not for this
 * caller or this server — or undefined when no such tool exists at all.
 */
export function whyUnavailable(ctx: McpContext, name: string): string | undefined {
  if (name === ASK_AGENT) {
    return ctx.exposure.readOnly
      ? "ask_agent is not offered by a read-only server: a turn may change things"
      : "ask_agent is not offered to API-key callers: the agents' tool calls would not be held to the key's permissions";
  }
  const registry = ctx.runtime.core.registry;
  if (!registry.has(name)) return undefined;
  const tool = registry.get(name);
  if (ctx.exposure.readOnly && tool.effect !== "read") return `${name} ${tool.effect === "destructive" ? "is destructive" : "writes"}, and this server is read-only`;
  if (!exposedTools(registry, ctx.exposure).includes(tool)) return `${name} belongs to the ${tool.domain} toolset, which this server does not expose (it serves ${ctx.exposure.toolsets.join(", ")})`;
  return refusal(ctx.principal, tool);
}
