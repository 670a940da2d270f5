import { z } from "zod";
import type { Entities } from "../../../entities/index.js";
import type { ToolContext } from "../../define.js";
import { hint } from "../hint.js";
import { pickByReference } from "../match.js";
import { formatTime, quoted } from "../text.js";

export type Task = Entities["Task"];
export type User = Entities["User"];

export const TaskView = z.object({
  id: z.string(),
  title: z.string(),
  status: z.enum(["open", "in_progress", "done", "cancelled"]),
  priority: z.enum(["low", "normal", "high"]),
  due_at: z.string().nullable(),
  source: z.string(),
  assignee: z.object({ id: z.string(), full_name: z.string(), email: z.string() }).nullable(),
  completed_at: z.string().nullable(),
});
export type TaskView = z.infer<typeof TaskView>;

/**
 * The tasks the actor may act on: every task of the workspace for an admin, only the tasks
 * assigned to them for anyone else.
 */
export function tasksInReach(ctx: ToolContext): Promise<Task[]> {
  const where = ctx.actor.role === "admin" ? {} : { assignee_id: ctx.actor.id };
  return ctx.store.find("Task", where, { orderBy: "created_at" });
}

export async function resolveTask(ctx: ToolContext, ref: string): Promise<Task> {
  return pickByReference(await tasksInReach(ctx), ref, {
    what: "task",
    among: ctx.actor.role === "admin" ? "the workspace's tasks" : "your tasks",
    field: "task",
    id: (t) => t.id,
    label: (t) => t.title,
  });
}

export async function viewTasks(ctx: ToolContext, tasks: readonly Task[]): Promise<TaskView[]> {
  const users = new Map<string, User | undefined>();
  for (const id of new Set(tasks.map((t) => t.assignee_id).filter((id): id is string => id !== null))) {
    users.set(id, await ctx.store.get("User", id));
  }
  return tasks.map((t) => {
    const u = t.assignee_id ? users.get(t.assignee_id) : undefined;
    return {
      id: t.id,
      title: t.title,
      status: t.status,
      priority: t.priority,
      due_at: t.due_at,
      source: t.source,
      assignee: u ? { id: u.id, full_name: u.full_name, email: u.email } : null,
      completed_at: t.completed_at,
    };
  });
}

const PRIORITY_RANK = { high: 0, normal: 1, low: 2 } as const;

/** Most urgent first: priority, then the nearest due date (undated last), then the oldest. */
export function byUrgency(a: Task, b: Task): number {
  return (
    PRIORITY_RANK[a.priority] - PRIORITY_RANK[b.priority] ||
    (a.due_at ?? "9999").localeCompare(b.due_at ?? "9999") ||
    a.created_at.localeCompare(b.created_at)
  );
}

export function taskLine(t: TaskView, withAssignee: boolean): string {
  const facts = [
    t.priority !== "normal" ? `${t.priority} priority` : null,
    t.due_at ? `due ${formatTime(t.due_at)}` : null,
    withAssignee ? (t.assignee ? `assigned to ${t.assignee.full_name || t.assignee.email}` : "unassigned") : null,
  ].filter(Boolean);
  return `- [${t.status.replace("_", " ")}] ${quoted(t.title)}${facts.length ? ` (${facts.join(", ")})` : ""} [${t.id}]`;
}

/** The input field naming a task: its id or its title. */
export function taskRef(cues: readonly string[]) {
  return z
    .string()
    .trim()
    .min(1)
    .meta(hint({ description: "the task: its id (tsk_…) or its title", extract: "name", cues }));
}
