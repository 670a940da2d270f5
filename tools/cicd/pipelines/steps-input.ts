import { z } from "zod";
import { PipelineStepConfig } from "../../../entities/catalog/cicd.js";
import { ToolError } from "../../errors.js";
import { hint } from "../hint.js";

/** Steps as a list of {name, command}, or as text: "install: npm ci; test: npm test". */
export const StepsInput = z
  .union([z.array(PipelineStepConfig).min(1), z.string().trim().min(1)])
  .optional()
  .meta(hint({ description: 'the steps, in order: a list of {name, command}, or text like "install: npm ci; test: npm test"', extract: "text", cues: ["steps", "with steps"] }));

const unquote = (s: string) => s.trim().replace(/^[`"']+|[`"']+$/g, "").trim();

/** Commands written in chat often come in backticks or quotes. */
export function commandText(text: string | undefined): string | undefined {
  if (text === undefined) return undefined;
  const c = unquote(text);
  return c || undefined;
}

export function parseSteps(input: z.infer<typeof StepsInput>): PipelineStepConfig[] | undefined {
  if (input === undefined) return undefined;
  const steps = typeof input === "string"
    ? input
        .split(/\s*(?:;|\n|,\s*(?=[\w-]+\s*:))\s*/)
        .filter(Boolean)
        .map((part, i) => {
          const m = /^([\w .-]{1,40}?)\s*:\s*(.+)$/.exec(part.trim());
          return m ? { name: unquote(m[1]!), command: unquote(m[2]!) } : { name: `step-${i + 1}`, command: unquote(part) };
        })
    : input;
  const names = new Set<string>();
  for (const s of steps) {
    if (!s.command) throw new ToolError("VALIDATION", `Step ${s.name} has no command`, { field: "steps" });
    if (names.has(s.name)) throw new ToolError("VALIDATION", `Two steps are named ${s.name}; step names must differ`, { field: "steps" });
    names.add(s.name);
  }
  return steps;
}
