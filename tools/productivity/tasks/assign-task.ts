import { z } from "zod";
import type { ToolContext } from "../../define.js";
import { defineTool } from "../../define.js";
import { ToolError } from "../../errors.js";
import { hint } from "../hint.js";
import { quoted } from "../text.js";
import { TaskView, resolveTask, taskRef, viewTasks, type User } from "./task-view.js";

/** The person a task goes to, by user id or email, in the caller's workspace. */
async function resolveAssignee(ctx: ToolContext, ref: string): Promise<User> {
  const user = /^usr_/.test(ref)
    ? await ctx.store.get("User", ref)
    : await ctx.store.findOne("User", { email: ref.toLowerCase() });
  if (!user) throw new ToolError("NOT_FOUND", `No user ${ref} in this workspace`, { field: "assignee" });
  if (user.status === "disabled") throw new ToolError("CONFLICT", `${user.email} is disabled and cannot take tasks`, { field: "assignee" });
  return user;
}

export const assignTask = defineTool({
  name: "assign_task",
  title: "Assign a task",
  description:
    "Assign a task to a person of the workspace (by email or user id). Admins assign any task; members hand over tasks assigned to them.",
  domain: "productivity",
  input: z.object({
    task: taskRef(["assign", "assign task", "task", "give", "hand over"]),
    assignee: z
      .string()
      .trim()
      .min(1)
      .meta(hint({ description: "who takes the task: an email address or a user id (usr_…)", extract: "email", cues: ["to", "assign to", "for"] })),
  }),
  output: TaskView.extend({ previous_assignee: z.string().nullable() }),
  effect: "write",
  roles: ["admin", "member"],
  reads: ["Task", "User"],
  writes: ["Task"],
  examples: [
    "Assign task tsk_1234 to grace@example.com",
    "Give the onboarding call task to kim@example.com",
    "Hand over 'Review forecast' to usr_ada",
    "Assign Rotate the staging secret to ops@example.com",
    "Reassign task Send welcome pack to jordan@example.com",
  ],
  keywords: ["assign", "reassign", "give", "hand over", "delegate", "owner", "task"],
  run: async (input, ctx) => {
    const task = await resolveTask(ctx, input.task);
    const user = await resolveAssignee(ctx, input.assignee);
    if (task.status === "done" || task.status === "cancelled") {
      throw new ToolError("CONFLICT", `Task ${quoted(task.title)} is ${task.status}; only open tasks are assigned`);
    }
    if (task.assignee_id === user.id) throw new ToolError("CONFLICT", `Task ${quoted(task.title)} is already assigned to ${user.email}`);
    const previous = task.assignee_id ? await ctx.store.get("User", task.assignee_id) : undefined;
    const assigned = await ctx.store.update("Task", task.id, { assignee_id: user.id }, { assignee_id: task.assignee_id });
    if (!assigned) throw new ToolError("CONFLICT", `Task ${quoted(task.title)} changed while it was being assigned; try again`);
    const [view] = await viewTasks(ctx, [assigned]);
    return { ...view!, previous_assignee: previous?.email ?? null };
  },
  reply: (t) =>
    `Assigned task ${quoted(t.title)} to ${t.assignee?.full_name ? `${t.assignee.full_name} (${t.assignee.email})` : t.assignee?.email}` +
    (t.previous_assignee ? `, instead of ${t.previous_assignee}.` : "."),
});
