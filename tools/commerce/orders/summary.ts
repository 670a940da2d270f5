import { z } from "zod";
import type { Entities } from "../../../entities/index.js";
import type { Store } from "../../../entities/store.js";
import { formatAmount } from "../money.js";

export type Order = Entities["Order"];
export type Payment = Entities["Payment"];

export const ORDER_STATUSES = ["pending", "paid", "failed", "cancelled", "refunded"] as const;
export type OrderStatus = (typeof ORDER_STATUSES)[number];

/** An order as tools answer it: the row, its customer and its latest payment. */
export const OrderSummary = z.object({
  id: z.string(),
  status: z.enum(ORDER_STATUSES),
  customer: z.object({ id: z.string(), email: z.string().nullable(), full_name: z.string().nullable() }),
  items: z.array(
    z.object({ sku: z.string(), name: z.string().nullable(), quantity: z.number().int(), unit_price: z.number(), line_total: z.number() }),
  ),
  coupon_code: z.string().nullable(),
  subtotal_amount: z.number(),
  discount_amount: z.number(),
  total_amount: z.number(),
  currency: z.string(),
  payment: z
    .object({ id: z.string(), status: z.enum(["pending", "succeeded", "failed", "refunded"]), amount: z.number(), transaction_id: z.string().nullable() })
    .nullable(),
  workflow_execution_id: z.string().nullable(),
  failure_reason: z.string().nullable(),
  cancellation_reason: z.string().nullable(),
  created_at: z.string(),
});
export type OrderSummary = z.infer<typeof OrderSummary>;

export async function summarizeOrder(store: Store, order: Order): Promise<OrderSummary> {
  const customer = await store.get("User", order.user_id);
  const payments = await store.find("Payment", { order_id: order.id }, { orderBy: "created_at", direction: "desc" });
  const payment = payments.find((p) => p.status !== "failed") ?? payments[0];
  return {
    id: order.id,
    status: order.status,
    customer: { id: order.user_id, email: customer?.email ?? null, full_name: customer?.full_name || null },
    items: order.items.map((i) => ({
      sku: i.sku,
      name: i.name ?? null,
      quantity: i.quantity,
      unit_price: i.unit_price,
      line_total: Math.round(i.unit_price * 100 * i.quantity) / 100,
    })),
    coupon_code: order.coupon_code,
    subtotal_amount: order.subtotal_amount,
    discount_amount: order.discount_amount,
    total_amount: order.total_amount,
    currency: order.currency,
    payment: payment ? { id: payment.id, status: payment.status, amount: payment.amount, transaction_id: payment.transaction_id } : null,
    workflow_execution_id: order.workflow_execution_id,
    failure_reason: order.failure_reason,
    cancellation_reason: order.cancellation_reason,
    created_at: order.created_at,
  };
}

export function customerName(o: Pick<OrderSummary, "customer">): string {
  const { full_name, email, id } = o.customer;
  if (full_name && email) return `${full_name} (${email})`;
  return email ?? full_name ?? id;
}

/** The order in words: a headline, one line per item, the amounts, the payment. */
export function describeOrder(o: OrderSummary, headline: string): string {
  const money = (amount: number) => formatAmount(amount, o.currency);
  const lines = [headline];
  for (const item of o.items) {
    lines.push(`- ${item.quantity} × ${item.sku}${item.name && item.name !== item.sku ? ` (${item.name})` : ""} at ${money(item.unit_price)} = ${money(item.line_total)}`);
  }
  lines.push(`Subtotal ${money(o.subtotal_amount)}`);
  if (o.coupon_code || o.discount_amount > 0) lines.push(`Discount${o.coupon_code ? ` ${o.coupon_code}` : ""}: -${money(o.discount_amount)}`);
  lines.push(`Total ${money(o.total_amount)}`);
  if (o.payment) lines.push(`Payment ${o.payment.id}: ${o.payment.status}${o.payment.transaction_id ? ` (${o.payment.transaction_id})` : ""}`);
  const reason = o.status === "failed" ? o.failure_reason : o.cancellation_reason;
  if (reason) lines.push(`Reason: ${reason}`);
  if (o.workflow_execution_id) lines.push(`Workflow ${o.workflow_execution_id}`);
  return lines.join("\n");
}

/** One line per order, for lists. */
export function orderLine(o: OrderSummary): string {
  return `${o.id} · ${o.status} · ${formatAmount(o.total_amount, o.currency)} · ${customerName(o)} · ${o.created_at.slice(0, 10)}`;
}
