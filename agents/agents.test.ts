import { z } from "zod";
import { describe, expect, it } from "vitest";
import { allTools, defaultRegistry } from "../tools/index.js";
import { AGENTS, AGENT_NAMES, toolsetOf } from "./index.js";

const registry = defaultRegistry();

describe("agents", () => {
  it("hold only tools whose entities fit the agent's access (seed lists plus documented extensions)", () => {
    const problems: string[] = [];
    for (const name of AGENT_NAMES) {
      const agent = AGENTS[name];
      for (const tool of toolsetOf(agent, registry)) {
        for (const e of tool.reads ?? []) {
          if (!agent.entities.reads.includes(e) && !agent.entities.writes.includes(e)) problems.push(`${name}: ${tool.name} reads ${e}`);
        }
        for (const e of tool.writes ?? []) {
          if (!agent.entities.writes.includes(e)) problems.push(`${name}: ${tool.name} writes ${e}`);
        }
      }
    }
    expect(problems).toEqual([]);
  });

  it("cover every tool, and every extra tool they name exists", () => {
    const held = new Set(AGENT_NAMES.flatMap((n) => toolsetOf(AGENTS[n], registry).map((t) => t.name)));
    expect(allTools.filter((t) => t.domain !== "platform" && !held.has(t.name)).map((t) => t.name)).toEqual([]);
    for (const n of AGENT_NAMES) for (const extra of AGENTS[n].extraTools) expect(registry.has(extra), `${n} names ${extra}`).toBe(true);
  });
});

describe("every tool declares what the local provider and models read", () => {
  it.each(allTools.map((t) => [t.name, t] as const))("%s", (_name, tool) => {
    expect(tool.description.length).toBeGreaterThan(10);
    expect(new Set(tool.examples).size).toBeGreaterThanOrEqual(5);
    for (const [field, schema] of Object.entries(tool.input.shape as Record<string, z.ZodType>)) {
      const json = z.toJSONSchema(schema, { io: "input", unrepresentable: "any" }) as { description?: string };
      expect(json.description, `${tool.name}.${field} has a description`).toBeTruthy();
    }
  });
});
