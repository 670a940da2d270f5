import { z } from "zod";
import { defineTool } from "../../define.js";
import { ToolError } from "../../errors.js";
import { quoted } from "../text.js";
import { TaskView, resolveTask, taskRef, viewTasks } from "./task-view.js";

export const completeTask = defineTool({
  name: "complete_task",
  title: "Complete a task",
  description: "Mark a task done: one assigned to you, or any task of the workspace for an admin.",
  domain: "productivity",
  input: z.object({ task: taskRef(["complete", "complete task", "finish", "mark", "task", "done with"]) }),
  output: TaskView,
  effect: "write",
  roles: ["admin", "member", "customer"],
  reads: ["Task", "User"],
  writes: ["Task"],
  examples: [
    "Complete task tsk_1234",
    "Mark 'Review low-confidence forecast' as done",
    "I finished the onboarding call task",
    "Tick off the task Send welcome pack",
    "Close the task Rotate the staging secret, it's done",
  ],
  keywords: ["complete", "done", "finish", "finished", "close", "tick off", "task"],
  run: async (input, ctx) => {
    // "Mark Send welcome pack as done": the words after the title say what to do, not which task.
    const task = await resolveTask(ctx, input.task.replace(/\s+(?:as\s+)?(?:done|complete|completed|finished)[.!]?$/i, ""));
    if (task.status === "done" || task.status === "cancelled") {
      throw new ToolError("CONFLICT", `Task ${quoted(task.title)} is already ${task.status}`);
    }
    const done = await ctx.store.update(
      "Task",
      task.id,
      { status: "done", completed_at: ctx.clock.now().toISOString() },
      { status: task.status },
    );
    if (!done) throw new ToolError("CONFLICT", `Task ${quoted(task.title)} changed while it was being completed; try again`);
    const [view] = await viewTasks(ctx, [done]);
    return view!;
  },
  reply: (t) => `Marked task ${quoted(t.title)} done.`,
});
