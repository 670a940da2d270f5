import type { Entities } from "../../../entities/index.js";
import type { Store } from "../../../entities/store.js";
import { conflict, ToolError } from "../../errors.js";
import { planLabel, type Plan } from "../onboarding/plans.js";
import { Upserted } from "../onboarding/workflow.js";
import { describeReversal, planReversal, type OrderReversal } from "../orders/reversal.js";
import { formatAmount } from "../money.js";
import { stepsOf } from "../workflow/progress.js";
import type { Execution } from "../workflow/types.js";

type Task = Entities["Task"];
type User = Entities["User"];

/** How undoing an onboarding changes the user it onboarded. */
export interface UserRestore {
  user: User;
  patch: { plan?: Plan | null; status?: User["status"] };
  why: string;
}

/** Everything a rollback will do, read from the execution's relations before anything is written. */
export interface RollbackPlan {
  execution: Execution;
  orders: OrderReversal[];
  tasks: Task[];
  user: UserRestore | null;
}

/**
 * The completed execution `id`, or a clear refusal: unknown, still running, failed (already
 * compensated) or already rolled back.
 */
export async function rollbackTarget(store: Store, id: string): Promise<Execution> {
  const execution = await store.get("WorkflowExecution", id.trim());
  if (!execution) {
    throw new ToolError("NOT_FOUND", `Workflow execution ${id.trim()} not found in this workspace: check the id (it looks like exec_…)`, {
      field: "execution_id",
    });
  }
  const why: Record<Exclude<Execution["status"], "completed">, string> = {
    rolled_back: `was already rolled back${execution.rolled_back_at ? ` on ${execution.rolled_back_at.slice(0, 10)}` : ""}; nothing was changed`,
    running: "is still running; roll it back once it has finished",
    failed: "failed, and the steps it had done were compensated then; there is nothing to roll back",
    compensation_failed: "failed and could not be fully compensated; its task asks a person to finish undoing it",
  };
  if (execution.status !== "completed") {
    throw conflict(`Workflow ${execution.id} ${why[execution.status]}`, { field: "execution_id", status: execution.status });
  }
  return execution;
}

async function userRestore(store: Store, execution: Execution): Promise<UserRestore | null> {
  if (execution.workflow_type !== "user_onboarding") return null;
  const upsert = Upserted.safeParse(stepsOf(execution).find((s) => s.name === "upsert_user")?.result);
  if (!upsert.success) return null;
  const before = upsert.data;
  const user = await store.get("User", before.user_id);
  if (!user) return null;
  if (before.created) {
    return user.status === "invited" ? { user, patch: { status: "disabled" }, why: `disable ${user.email}, invited by this onboarding and not active yet` } : null;
  }
  const patch: UserRestore["patch"] = {};
  const words: string[] = [];
  // Only what the onboarding set and nobody has changed since.
  if (user.plan === (execution.input as Record<string, unknown>).plan && before.previous_plan !== user.plan) {
    patch.plan = before.previous_plan;
    words.push(`put ${user.email} back from the ${planLabel(user.plan)} plan to ${planLabel(before.previous_plan)}`);
  }
  if (before.previous_status === "disabled" && user.status === "invited") {
    patch.status = "disabled";
    words.push(`disable ${user.email} again`);
  }
  return words.length ? { user, patch, why: words.join(" and ") } : null;
}

export async function planRollback(store: Store, execution: Execution): Promise<RollbackPlan> {
  const orders: OrderReversal[] = [];
  for (const order of await store.find("Order", { workflow_execution_id: execution.id }, { orderBy: "created_at" })) {
    if (order.status !== "paid" && order.status !== "pending") continue;
    // Money taken is refunded; an order that took none is cancelled.
    const reversal = await planReversal(store, order, "refunded");
    orders.push(reversal.refunds.length > 0 ? reversal : { ...reversal, to: "cancelled" });
  }
  const related = await store.find("Task", { related_id: execution.id }, { orderBy: "created_at" });
  const tasks = related.filter((t) => t.status === "open" || t.status === "in_progress");
  return { execution, orders, tasks, user: await userRestore(store, execution) };
}

/** The rollback in words, one action a line: the approval prompt. */
export function describeRollback(plan: RollbackPlan): string {
  const e = plan.execution;
  const lines = [`Roll back workflow ${e.id} (${e.workflow_type}, completed${e.finished_at ? ` ${e.finished_at.slice(0, 10)}` : ""}):`];
  for (const o of plan.orders) {
    lines.push(`- mark order ${o.order.id} (${formatAmount(o.order.total_amount, o.order.currency)}) ${o.to}: ${describeReversal(o)}`);
  }
  if (plan.tasks.length) lines.push(`- cancel ${plan.tasks.length} open task${plan.tasks.length === 1 ? "" : "s"}: ${plan.tasks.map((t) => t.id).join(", ")}`);
  if (plan.user) lines.push(`- ${plan.user.why}`);
  if (lines.length === 1) lines.push("- nothing it did is left to undo; it will only be marked rolled back");
  return lines.join("\n");
}
