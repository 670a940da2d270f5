import { z } from "zod";
import { describe, expect, it } from "vitest";
import { commerceTools } from "./index.js";

describe("FlowDirector's tools declare what the local provider reads", () => {
  it.each(commerceTools.map((t) => [t.name, t] as const))("%s", (_name, tool) => {
    expect(tool.domain).toBe("commerce");
    expect(tool.description.length).toBeGreaterThan(40);
    expect(new Set(tool.examples).size).toBeGreaterThanOrEqual(5);
    if (tool.effect === "destructive") expect(tool.prepare).toBeTypeOf("function");
    for (const io of ["input", "output"] as const) {
      const schema = z.toJSONSchema(tool.input, { io }) as { properties: Record<string, { extract?: string; cues?: string[] }> };
      for (const [field, spec] of Object.entries(schema.properties)) {
        expect(spec.extract, `${tool.name}.${field} extract`).toBeTypeOf("string");
        expect(spec.cues?.length, `${tool.name}.${field} cues`).toBeGreaterThan(0);
      }
    }
  });
});
