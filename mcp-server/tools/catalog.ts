import type { Tool } from "@modelcontextprotocol/sdk/types.js";
import type { AnyTool } from "../../tools/define.js";
import type { ToolRegistry } from "../../tools/registry.js";
import { annotationsOf } from "./annotations.js";
import { APPROVAL_REQUIRED_SCHEMA } from "./approval.js";
import { inputSchemaOf, outputSchemaOf } from "./json-schema.js";

/** The MCP definitions of a registry's tools, computed once and shared by every server built on it. */
export type ToolCatalog = ReadonlyMap<string, Tool>;

const APPROVAL_NOTE =
  " Needs approval: the first call runs nothing and answers status approval_required with an approval_id and the exact action; approve_action then runs it once.";
const MAYBE_APPROVAL_NOTE =
  " Some calls need approval: those answer status approval_required with an approval_id and the exact action, and run only once approve_action approves them.";

/** A registry tool as MCP clients see it: generated from its spec, never written by hand. */
export function toolDefinition(tool: AnyTool): Tool {
  const output = outputSchemaOf(tool.output);
  const destructive = tool.effect === "destructive";
  return {
    name: tool.name,
    title: tool.title ?? tool.name,
    description: destructive ? `${tool.description}${tool.needsApproval ? MAYBE_APPROVAL_NOTE : APPROVAL_NOTE}` : tool.description,
    inputSchema: inputSchemaOf(tool.input),
    // A destructive call answers either its output or the approval it waits for.
    outputSchema: destructive ? { type: "object", anyOf: [output, APPROVAL_REQUIRED_SCHEMA] } : output,
    annotations: annotationsOf(tool),
  };
}

export function createToolCatalog(registry: ToolRegistry): ToolCatalog {
  return new Map(registry.list().map((t) => [t.name, toolDefinition(t)]));
}
