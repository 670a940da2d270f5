import { z } from "zod";
import { describe, expect, it } from "vitest";
import { AGENTS } from "../../agents/index.js";
import { securityTools } from "./index.js";

interface FieldSchema {
  description?: string;
  extract?: string;
  cues?: string[];
}

describe("the security tools' declarations", () => {
  const access = AGENTS.SecurityAuditor.entities;

  it.each(securityTools.map((t) => [t.name, t] as const))("%s is admin-only, stays within SecurityAuditor's access, and tells the local provider how to call it", (_name, tool) => {
    expect(tool.domain).toBe("security");
    expect(tool.roles).toEqual(["admin"]);
    expect(tool.examples.length).toBeGreaterThanOrEqual(5);
    expect(new Set(tool.examples).size).toBe(tool.examples.length);
    for (const e of tool.reads ?? []) expect([...access.reads, ...access.writes]).toContain(e);
    for (const e of tool.writes ?? []) expect(access.writes).toContain(e);
    if (tool.effect === "read") expect(tool.writes ?? []).toEqual([]);
    const schema = z.toJSONSchema(tool.input, { io: "input", unrepresentable: "any" }) as { properties?: Record<string, FieldSchema> };
    for (const [field, s] of Object.entries(schema.properties ?? {})) {
      expect(s.description, `${tool.name}.${field}`).toBeTruthy();
      expect(s.extract, `${tool.name}.${field}`).toBeTruthy();
      expect(s.cues?.length, `${tool.name}.${field}`).toBeGreaterThan(0);
    }
  });

  it("names every tool once", () => {
    const names = securityTools.map((t) => t.name);
    expect(new Set(names).size).toBe(names.length);
  });
});
