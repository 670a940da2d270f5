import { z } from "zod";
import { AGENTS, AGENT_NAMES, toolsetOf, type AgentName } from "../agents/index.js";
import type { JsonSchema, LlmToolDef } from "../llm/types.js";
import type { AnyTool } from "../tools/define.js";
import type { ToolRegistry } from "../tools/registry.js";

/** A tool as models see it: its input JSON Schema (with its hints), description and examples. */
export function toLlmTool(tool: AnyTool): LlmToolDef {
  const parameters = z.toJSONSchema(tool.input, { io: "input", unrepresentable: "any" }) as JsonSchema;
  delete parameters.$schema;
  return {
    name: tool.name,
    description: tool.description,
    parameters,
    examples: tool.examples,
    keywords: tool.keywords,
  };
}

export interface AgentToolsets {
  byAgent: Record<AgentName, LlmToolDef[]>;
  /** Which agent holds each tool (the first, in agent order). */
  owner: Map<string, AgentName>;
}

/** Built once per registry: the arrays are stable, so the local provider's indexes are reused. */
export function agentToolsets(registry: ToolRegistry): AgentToolsets {
  const byAgent = {} as Record<AgentName, LlmToolDef[]>;
  const owner = new Map<string, AgentName>();
  for (const name of AGENT_NAMES) {
    byAgent[name] = toolsetOf(AGENTS[name], registry).map(toLlmTool);
    for (const t of byAgent[name]) if (!owner.has(t.name)) owner.set(t.name, name);
  }
  return { byAgent, owner };
}
