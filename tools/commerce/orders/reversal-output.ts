import { z } from "zod";
import type { Store } from "../../../entities/store.js";
import { formatAmount } from "../money.js";
import type { OrderReversal } from "./reversal.js";
import { OrderSummary, summarizeOrder, type Order } from "./summary.js";

/** The answer of cancel_order and refund_order: the order after, and what was given back. */
export const ReversalOutput = OrderSummary.extend({
  refunded: z.array(z.object({ payment_id: z.string(), amount: z.number(), currency: z.string() })),
  restocked: z.array(z.object({ sku: z.string(), quantity: z.number().int() })),
});
export type ReversalOutput = z.infer<typeof ReversalOutput>;

export async function reversalOutput(store: Store, plan: OrderReversal, order: Order): Promise<ReversalOutput> {
  return {
    ...(await summarizeOrder(store, order)),
    refunded: plan.refunds.map((p) => ({ payment_id: p.id, amount: p.amount, currency: p.currency })),
    restocked: plan.restock.map((r) => ({ sku: r.sku, quantity: r.quantity })),
  };
}

export function describeReversalOutput(o: ReversalOutput): string {
  const lines = [`Order ${o.id} is ${o.status}.`];
  for (const r of o.refunded) lines.push(`- Refunded ${formatAmount(r.amount, r.currency)} (payment ${r.payment_id})`);
  for (const r of o.restocked) lines.push(`- Returned ${r.quantity} × ${r.sku} to stock`);
  if (o.refunded.length === 0) lines.push("- No payment to refund");
  if (o.cancellation_reason) lines.push(`Reason: ${o.cancellation_reason}`);
  return lines.join("\n");
}
