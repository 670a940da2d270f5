import { z } from "zod";
import { defineTool } from "../../define.js";
import { ToolError } from "../../errors.js";
import { hint } from "../hint.js";
import { byUrgency, TaskView, taskLine, viewTasks } from "./task-view.js";

const Scope = z.enum(["mine", "everyone"]);
/** What people ask for; `ongoing` is the Task status `in_progress`. */
const Status = z.enum(["open", "ongoing", "done", "cancelled"]);
type TaskStatus = TaskView["status"];
const STATUSES: Record<z.infer<typeof Status>, readonly TaskStatus[]> = {
  open: ["open"],
  ongoing: ["in_progress"],
  done: ["done"],
  cancelled: ["cancelled"],
};
/** What "my tasks" shows when no status is asked for: the work still to do. */
const UNFINISHED: readonly TaskStatus[] = ["open", "in_progress"];

export const listTasks = defineTool({
  name: "list_tasks",
  title: "List my tasks",
  description:
    "List the tasks assigned to you (open and in progress ones, or done or cancelled ones when asked); admins may ask for everyone's tasks. Tasks come from workflows, insights and audits.",
  domain: "productivity",
  input: z.object({
    scope: Scope.optional().meta(
      hint({
        description: "mine (default): tasks assigned to me; everyone: every task of the workspace (admins only)",
        extract: "enum",
        cues: ["show", "list"],
        aliases: { "everyone's": "everyone", "all open": "everyone", team: "everyone", "the team's": "everyone", "whole workspace": "everyone" },
      }),
    ),
    status: Status.optional().meta(
      hint({
        description: "only tasks that are open, ongoing, done or cancelled; default open and ongoing",
        extract: "enum",
        cues: ["that are", "only"],
        aliases: { completed: "done", finished: "done", closed: "done", "in progress": "ongoing", started: "ongoing", pending: "open", canceled: "cancelled" },
      }),
    ),
  }),
  output: z.object({ scope: Scope, status: Status.nullable(), tasks: z.array(TaskView) }),
  effect: "read",
  idempotent: true,
  roles: ["admin", "member", "customer"],
  reads: ["Task", "User"],
  examples: [
    "Show my tasks",
    "What's on my plate today?",
    "List my completed tasks",
    "Show everyone's open tasks",
    "Which of my tasks are ongoing?",
    "List all open tasks for the team",
    "What's on my to-do list?",
  ],
  keywords: ["tasks", "task", "todo", "to do", "assigned", "plate", "work"],
  run: async (input, ctx) => {
    const scope = input.scope ?? "mine";
    if (scope === "everyone" && ctx.actor.role !== "admin") {
      throw new ToolError("FORBIDDEN", "Only admins see everyone's tasks; ask for your own tasks instead", { field: "scope", allowed: ["mine"] });
    }
    const statuses = input.status ? STATUSES[input.status] : UNFINISHED;
    const rows = await ctx.store.find("Task", scope === "mine" ? { assignee_id: ctx.actor.id } : {});
    const tasks = rows.filter((t) => statuses.includes(t.status)).sort(byUrgency);
    return { scope, status: input.status ?? null, tasks: await viewTasks(ctx, tasks) };
  },
  reply: (o) => {
    const which = o.status ?? "open";
    const whose = o.scope === "mine" ? "Your" : "Everyone's";
    if (o.tasks.length === 0) return o.scope === "mine" ? `You have no ${which} tasks.` : `There are no ${which} tasks.`;
    return `${whose} ${which} tasks (${o.tasks.length}):\n${o.tasks.map((t) => taskLine(t, o.scope === "everyone")).join("\n")}`;
  },
});
