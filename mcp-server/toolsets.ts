import { AGENTS, toolsetOf, type AgentName } from "../agents/index.js";
import type { AnyTool } from "../tools/define.js";
import type { ToolRegistry } from "../tools/registry.js";

/** `--toolsets` names: each is one agent's toolset (its domains and extra tools). */
export const TOOLSETS = {
  commerce: "FlowDirector",
  analytics: "SignalSage",
  productivity: "Copilot",
  cicd: "CICDAssistant",
  security: "SecurityAuditor",
} as const satisfies Record<string, AgentName>;

export type Toolset = keyof typeof TOOLSETS;
export const TOOLSET_NAMES = Object.keys(TOOLSETS) as Toolset[];

/** What one server exposes: some toolsets, and optionally only what reads. */
export interface Exposure {
  toolsets: readonly Toolset[];
  readOnly: boolean;
}

export const FULL_EXPOSURE: Exposure = { toolsets: TOOLSET_NAMES, readOnly: false };

export function isToolset(name: string): name is Toolset {
  return Object.hasOwn(TOOLSETS, name);
}

/** `commerce,cicd` → ["commerce", "cicd"]; an unknown name is an error that lists the valid ones. */
export function parseToolsets(text: string | undefined): Toolset[] {
  if (text === undefined || text.trim() === "" || text.trim() === "all") return [...TOOLSET_NAMES];
  const names = text.split(",").map((s) => s.trim().toLowerCase()).filter(Boolean);
  const unknown = names.filter((n) => !isToolset(n));
  if (unknown.length) throw new Error(`unknown toolset ${unknown.join(", ")}; choose from ${TOOLSET_NAMES.join(", ")}`);
  return [...new Set(names)] as Toolset[];
}

export const agentsOf = (exposure: Exposure): AgentName[] => exposure.toolsets.map((t) => TOOLSETS[t]);

/**
 * The registry's tools a server exposes, in registry order: those of the chosen agents, plus the
 * platform's own (held by no agent); with `readOnly`, only the tools whose effect is `read`.
 */
export function exposedTools(registry: ToolRegistry, exposure: Exposure): AnyTool[] {
  const chosen = new Set(agentsOf(exposure).flatMap((a) => toolsetOf(AGENTS[a], registry).map((t) => t.name)));
  return registry.list().filter((t) => (chosen.has(t.name) || t.domain === "platform") && (!exposure.readOnly || t.effect === "read"));
}
