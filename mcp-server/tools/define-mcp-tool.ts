import type { CallToolResult, ToolAnnotations } from "@modelcontextprotocol/sdk/types.js";
import type { z } from "zod";
import { ToolError } from "../../tools/errors.js";
import { inputSchemaOf, outputSchemaOf } from "./json-schema.js";
import { okResult } from "./results.js";
import type { McpTool, RequestExtra } from "./types.js";

export interface McpToolSpec<I extends z.ZodObject, O extends z.ZodObject> {
  name: string;
  title: string;
  description: string;
  input: I;
  output: O;
  annotations: Omit<ToolAnnotations, "title">;
  /** The safe output, and values shown to this caller once (never in the structured output). */
  run(input: z.infer<I>, extra: RequestExtra): Promise<{ output: z.infer<O>; shownOnce?: Record<string, string> } | CallToolResult>;
}

const isResult = (v: object): v is CallToolResult => "content" in v;

/** A tool of the MCP door itself (ask_agent, approve_action), typed and validated like the registry's. */
export function defineMcpTool<I extends z.ZodObject, O extends z.ZodObject>(spec: McpToolSpec<I, O>): McpTool {
  return {
    definition: {
      name: spec.name,
      title: spec.title,
      description: spec.description,
      inputSchema: inputSchemaOf(spec.input),
      outputSchema: outputSchemaOf(spec.output),
      annotations: { title: spec.title, ...spec.annotations },
    },
    async call(args, extra) {
      const parsed = spec.input.safeParse(args);
      if (!parsed.success) {
        const issue = parsed.error.issues[0]!;
        const field = issue.path.join(".");
        throw new ToolError("VALIDATION", `Invalid arguments — ${parsed.error.issues.map((i) => `${i.path.join(".") || "arguments"}: ${i.message}`).join("; ")}`, field ? { field } : {});
      }
      const answer = await spec.run(parsed.data, extra);
      return isResult(answer) ? answer : okResult(answer.output, answer.shownOnce);
    },
  };
}
