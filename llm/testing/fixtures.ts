import type { LlmToolDef } from "../types.js";

/** A tool as graph/ builds it: a JSON Schema carrying our hint keys, examples and keywords. */
export const addNoteTool: LlmToolDef = {
  name: "add_note",
  description: "Add a note, optionally with a reminder time",
  parameters: {
    type: "object",
    properties: {
      content: { type: "string", description: "the note text", extract: "text", cues: ["note"] },
      remind_at: { type: "string", description: "when to remind", extract: "datetime" },
      // A property may be named like a hint: it is data and stays.
      unit: { type: "string", enum: ["min", "h"], aliases: { minutes: "min" }, unit: "duration" },
    },
    required: ["content"],
    additionalProperties: false,
  },
  examples: ["Add note: Call ACME Friday 9am", "Note: buy milk"],
  keywords: ["remember", "jot"],
};

export const TEST_TOOLS: LlmToolDef[] = [addNoteTool];
