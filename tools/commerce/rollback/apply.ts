import type { Store } from "../../../entities/store.js";
import type { ToolContext } from "../../define.js";
import { conflict } from "../../errors.js";
import { applyReversal } from "../orders/reversal.js";
import { stepsOf } from "../workflow/progress.js";
import type { Execution, StepRecord } from "../workflow/types.js";
import type { RollbackPlan, UserRestore } from "./plan.js";

export interface RollbackResult {
  execution: Execution;
  orders: { id: string; status: "cancelled" | "refunded"; refunded: { payment_id: string; amount: number; currency: string }[]; restocked: { sku: string; quantity: number }[] }[];
  tasks_cancelled: string[];
  user: ({ id: string; email: string } & UserRestore["patch"]) | null;
}

/**
 * Carries a rollback plan out on the caller's transaction, each change audited, and marks the
 * execution `rolled_back` (compare-and-set on `completed`, so two approved rollbacks cannot both
 * run). Any refusal rolls the whole transaction back.
 */
export async function applyRollback(store: Store, plan: RollbackPlan, ctx: Pick<ToolContext, "services" | "clock" | "audit">): Promise<RollbackResult> {
  const { execution } = plan;
  const now = ctx.clock.now().toISOString();
  const reason = `rollback of workflow ${execution.id}`;
  const orders: RollbackResult["orders"] = [];
  for (const reversal of plan.orders) {
    await applyReversal(store, reversal, ctx, reason);
    const refunded = reversal.refunds.map((p) => ({ payment_id: p.id, amount: p.amount, currency: p.currency }));
    const restocked = reversal.restock.map((r) => ({ sku: r.sku, quantity: r.quantity }));
    orders.push({ id: reversal.order.id, status: reversal.to, refunded, restocked });
    await ctx.audit({
      event_type: "workflow_rollback",
      action: reversal.to === "refunded" ? "refund_order" : "cancel_order",
      entity_type: "Order",
      entity_id: reversal.order.id,
      details: { execution_id: execution.id, from: reversal.order.status, to: reversal.to, refunded, restocked },
    });
  }
  for (const task of plan.tasks) {
    const cancelled = await store.update("Task", task.id, { status: "cancelled" }, { status: task.status });
    if (!cancelled) throw conflict(`Task ${task.id} changed while the rollback ran; look at workflow ${execution.id} again`);
    await ctx.audit({ event_type: "workflow_rollback", action: "cancel_task", entity_type: "Task", entity_id: task.id, details: { execution_id: execution.id } });
  }
  let user: RollbackResult["user"] = null;
  if (plan.user) {
    const { user: before, patch } = plan.user;
    const restored = await store.update("User", before.id, patch, { plan: before.plan, status: before.status });
    if (!restored) throw conflict(`User ${before.email} changed while the rollback ran; look at workflow ${execution.id} again`);
    user = { id: before.id, email: before.email, ...patch };
    await ctx.audit({ event_type: "workflow_rollback", action: "restore_user", entity_type: "User", entity_id: before.id, details: { execution_id: execution.id, patch } });
  }
  const steps = stepsOf(execution).map((s): StepRecord => (s.status === "completed" ? { ...s, status: "compensated", compensated_at: now } : s));
  const done = await store.update("WorkflowExecution", execution.id, { status: "rolled_back", rolled_back_at: now, steps }, { status: "completed" });
  if (!done) throw conflict(`Workflow ${execution.id} is no longer completed; it may have been rolled back already`);
  return { execution: done, orders, tasks_cancelled: plan.tasks.map((t) => t.id), user };
}
