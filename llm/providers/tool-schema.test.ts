import { describe, expect, it } from "vitest";
import { stripHints, toAnthropicTool, toOpenAITool } from "./tool-schema.js";

describe("tool schemas for model APIs", () => {
  it("strips our hint keys at every depth but keeps properties that share their names", () => {
    const schema = {
      type: "object",
      properties: {
        items: {
          type: "array",
          items: { type: "object", properties: { sku: { type: "string", extract: "code", cues: ["of"] }, qty: { type: "integer", unit: "count" } } },
        },
        prefix: { anyOf: [{ type: "string", prefix: "ord_" }, { type: "null" }] },
        secret: { type: "string", secret: true },
      },
      $defs: { Money: { type: "number", unit: "usd" } },
      required: ["items"],
    };
    expect(stripHints(schema)).toEqual({
      type: "object",
      properties: {
        items: { type: "array", items: { type: "object", properties: { sku: { type: "string" }, qty: { type: "integer" } } } },
        prefix: { anyOf: [{ type: "string" }, { type: "null" }] },
        secret: { type: "string" },
      },
      $defs: { Money: { type: "number" } },
      required: ["items"],
    });
    expect(schema.properties.secret.secret).toBe(true);
  });

  it("gives a tool without arguments an empty object schema", () => {
    const tool = { name: "list_projects", description: "List projects", parameters: {} };
    expect(toOpenAITool(tool).function.parameters).toEqual({ type: "object", properties: {} });
    expect(toAnthropicTool(tool)).toEqual({ name: "list_projects", description: "List projects", input_schema: { type: "object", properties: {} } });
  });
});
