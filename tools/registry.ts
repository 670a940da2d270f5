import type { AnyTool, Domain } from "./define.js";
import { ToolError } from "./errors.js";

export interface ToolRegistry {
  get(name: string): AnyTool;
  has(name: string): boolean;
  list(filter?: { domains?: readonly Domain[] }): AnyTool[];
}

export function createRegistry(tools: readonly AnyTool[]): ToolRegistry {
  const byName = new Map<string, AnyTool>();
  for (const tool of tools) {
    if (byName.has(tool.name)) throw new Error(`two tools are named ${tool.name}`);
    byName.set(tool.name, tool);
  }
  return {
    get(name) {
      const tool = byName.get(name);
      if (!tool) {
        throw new ToolError("NOT_FOUND", `no tool named ${name}`, { allowed: [...byName.keys()] });
      }
      return tool;
    },
    has: (name) => byName.has(name),
    list: (filter) => [...byName.values()].filter((t) => !filter?.domains || filter.domains.includes(t.domain)),
  };
}
