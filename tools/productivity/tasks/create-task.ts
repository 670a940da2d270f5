import { z } from "zod";
import { defineTool } from "../../define.js";
import { ToolError } from "../../errors.js";
import { hint } from "../hint.js";
import { formatTime, quoted } from "../text.js";
import { TaskView, viewTasks } from "./task-view.js";

export const createTask = defineTool({
  name: "create_task",
  title: "Create a task",
  description: "Create a to-do task for yourself, optionally with a due date and a priority.",
  domain: "productivity",
  input: z.object({
    title: z
      .string()
      .trim()
      .min(1)
      .max(200)
      .meta(hint({ description: "what needs doing", extract: "text", cues: ["task:", "task to", "to-do:", "todo:", "task", "to"] })),
    due_at: z
      .string()
      .optional()
      .meta(hint({ description: "when it is due", extract: "datetime", cues: ["due", "by", "before", "on"] })),
    priority: z
      .enum(["low", "normal", "high"])
      .default("normal")
      .meta(hint({ description: "how urgent: low, normal or high", extract: "enum", cues: ["priority"], aliases: { urgent: "high", important: "high" } })),
  }),
  output: TaskView,
  effect: "write",
  roles: ["admin", "member", "customer"],
  reads: ["Task", "User"],
  writes: ["Task"],
  examples: [
    "Create a task to review the Q2 budget due Friday",
    "Add a task: call the accountant",
    "New to-do: renew the SSL certificate by Monday",
    "Remind me with a task to send the invoice, high priority",
    "Task: prepare the board deck due next Thursday",
  ],
  keywords: ["task", "todo", "to-do", "create", "add", "due"],
  run: async (input, ctx) => {
    const due = input.due_at ? new Date(input.due_at) : null;
    if (due && Number.isNaN(due.getTime())) throw new ToolError("VALIDATION", `not a date: ${input.due_at}`, { field: "due_at" });
    // The due date was said inside the title ("… due Friday"): keep the title to the work itself.
    const title = input.title.replace(/\s+(due|by|before)\s*$/i, "").trim() || input.title;
    const task = await ctx.store.insert("Task", {
      title,
      status: "open",
      priority: input.priority,
      due_at: due ? due.toISOString() : null,
      source: "user",
      assignee_id: ctx.actor.id,
    });
    const [view] = await viewTasks(ctx, [task]);
    return view!;
  },
  reply: (t) => `Created task ${quoted(t.title)}${t.due_at ? `, due ${formatTime(t.due_at)}` : ""}${t.priority !== "normal" ? ` (${t.priority} priority)` : ""}.`,
});
