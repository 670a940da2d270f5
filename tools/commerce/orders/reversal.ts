import type { Clock } from "../../../entities/clock.js";
import type { Store } from "../../../entities/store.js";
import { conflict, ToolError } from "../../errors.js";
import type { Services } from "../../services.js";
import { productsBySku } from "../catalog.js";
import { formatAmount, toCents } from "../money.js";
import { returnStock } from "../stock.js";
import type { Order, OrderStatus, Payment } from "./summary.js";

export type ReversedStatus = Extract<OrderStatus, "cancelled" | "refunded">;

/** What undoing one order does: its new status, the payments refunded, the stock given back. */
export interface OrderReversal {
  order: Order;
  to: ReversedStatus;
  refunds: Payment[];
  restock: { product_id: string; sku: string; quantity: number }[];
}

/**
 * Reads what reversing `order` would do, without writing. Only a paid order holds stock (a
 * failed one gave its reservation back); products with unlimited stock get nothing back.
 */
export async function planReversal(store: Store, order: Order, to: ReversedStatus): Promise<OrderReversal> {
  const refunds = await store.find("Payment", { order_id: order.id, status: "succeeded" }, { orderBy: "created_at" });
  const restock: OrderReversal["restock"] = [];
  if (order.status === "paid") {
    const products = await productsBySku(store, order.items.map((i) => i.sku));
    for (const item of order.items) {
      const product = products.get(item.sku.toLowerCase());
      if (product && product.stock !== null) restock.push({ product_id: product.id, sku: product.sku, quantity: item.quantity });
    }
  }
  return { order, to, refunds, restock };
}

/** "refund $49.00 (payment pay_1); return 1 × Product-A to stock" */
export function describeReversal(plan: OrderReversal): string {
  const parts: string[] = [];
  for (const p of plan.refunds) parts.push(`refund ${formatAmount(p.amount, p.currency)} (payment ${p.id})`);
  if (plan.restock.length) parts.push(`return ${plan.restock.map((r) => `${r.quantity} × ${r.sku}`).join(", ")} to stock`);
  if (parts.length === 0) parts.push("no payment to refund and no stock to return");
  return parts.join("; ");
}

export interface ReversalDeps {
  services: Services;
  clock: Clock;
}

/**
 * Reverses an order on the caller's transaction: payments refunded through the processor (keyed
 * by payment, so a retry after a rolled-back transaction refunds once), stock returned, the
 * order's status set — each a compare-and-set on the state the plan was made from.
 */
export async function applyReversal(store: Store, plan: OrderReversal, deps: ReversalDeps, reason: string | null): Promise<Order> {
  const now = deps.clock.now().toISOString();
  for (const payment of plan.refunds) {
    const refund = await deps.services.payments.refund({
      idempotencyKey: `refund:${payment.id}`,
      transactionId: payment.transaction_id,
      amountCents: toCents(payment.amount),
      currency: payment.currency,
    });
    if (refund.status === "failed") {
      throw new ToolError("UPSTREAM", `The processor refused to refund payment ${payment.id}: ${refund.reason}. Nothing was changed; try again later`);
    }
    const refunded = await store.update("Payment", payment.id, { status: "refunded", refunded_at: now }, { status: "succeeded" });
    if (!refunded) throw conflict(`Payment ${payment.id} changed while it was being refunded; look at the order again`);
  }
  for (const line of plan.restock) await returnStock(store, line.product_id, line.quantity);
  const done = await store.update(
    "Order",
    plan.order.id,
    { status: plan.to, ...(reason ? { cancellation_reason: reason } : {}) },
    { status: plan.order.status },
  );
  if (!done) throw conflict(`Order ${plan.order.id} changed while it was being ${plan.to}; look at it again`);
  return done;
}

const REVERSIBLE: Readonly<Record<ReversedStatus, readonly OrderStatus[]>> = {
  cancelled: ["pending", "paid"],
  refunded: ["paid"],
};

/**
 * Refuses to reverse an order its state does not allow: already cancelled, refunded or failed,
 * or still being processed by its workflow.
 */
export async function assertReversible(store: Store, order: Order, to: ReversedStatus): Promise<void> {
  const verb = to === "cancelled" ? "cancel" : "refund";
  if (!REVERSIBLE[to].includes(order.status)) {
    throw conflict(`Order ${order.id} is ${order.status}: only ${REVERSIBLE[to].join(" or ")} orders can be ${to}, so there is nothing to ${verb}`, {
      field: "order_id",
      status: order.status,
    });
  }
  if (order.status === "pending" && order.workflow_execution_id) {
    const execution = await store.get("WorkflowExecution", order.workflow_execution_id);
    if (execution?.status === "running") {
      throw conflict(`Order ${order.id} is still being processed by workflow ${execution.id}; ${verb} it once that has finished`, { field: "order_id" });
    }
  }
}
