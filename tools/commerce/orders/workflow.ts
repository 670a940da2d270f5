import { z } from "zod";
import { ToolError } from "../../errors.js";
import { requireProduct } from "../catalog.js";
import { formatMoney, fromCents } from "../money.js";
import type { ChargeResult } from "../payments/processor.js";
import { quoteOrder } from "../pricing.js";
import { returnStock, takeStock } from "../stock.js";
import { step, stepFailed, type StepContext, type Workflow } from "../workflow/types.js";
import { summarizeOrder } from "./summary.js";

/** What order processing runs on: resolved by create_order before the workflow starts. */
export const OrderInput = z.object({
  customer_id: z.string(),
  items: z.array(z.object({ sku: z.string(), quantity: z.number().int().positive() })).min(1),
  coupon_code: z.string().nullable(),
});
export type OrderInput = z.infer<typeof OrderInput>;

const Created = z.object({
  order_id: z.string(),
  customer_email: z.string(),
  total_cents: z.number().int(),
  currency: z.string(),
});
const Reserved = z.object({ product_id: z.string(), reserved: z.number().int() });
const Charged = z.object({ payment_id: z.string().nullable(), transaction_id: z.string().nullable(), amount_cents: z.number().int() });

type Ctx = StepContext<OrderInput>;
const created = (ctx: Ctx) => Created.parse(ctx.results.create_order);

const createOrder = step<OrderInput>({
  name: "create_order",
  async run(store, ctx) {
    const customer = await store.require("User", ctx.input.customer_id);
    const quote = await quoteOrder(store, ctx.input.items, ctx.input.coupon_code, ctx.clock.now());
    const order = await store.insert("Order", {
      user_id: customer.id,
      status: "pending",
      items: quote.lines.map((l) => ({ sku: l.sku, quantity: l.quantity, unit_price: fromCents(l.unit_cents), name: l.name })),
      coupon_code: quote.coupon_code,
      subtotal_amount: fromCents(quote.subtotal_cents),
      discount_amount: fromCents(quote.discount_cents),
      total_amount: fromCents(quote.total_cents),
      currency: quote.currency,
      workflow_execution_id: ctx.execution.id,
    });
    return { order_id: order.id, customer_email: customer.email, total_cents: quote.total_cents, currency: quote.currency };
  },
  compensate: {
    async run(store, ctx, result) {
      const { order_id } = Created.parse(result);
      await store.update(
        "Order",
        order_id,
        { status: "failed", failure_reason: ctx.failure?.message ?? "the order workflow failed" },
        { status: "pending" },
      );
    },
  },
});

function reserveStock(sku: string, quantity: number) {
  return step<OrderInput>({
    name: `reserve_stock:${sku}`,
    async run(store) {
      const product = await requireProduct(store, sku);
      const reservation = await takeStock(store, product.id, quantity);
      if (!reservation.ok) {
        throw new ToolError("CONFLICT", `Not enough stock for ${product.sku}: ${quantity} requested, ${reservation.available} available`, {
          field: "items",
          sku: product.sku,
          requested: quantity,
          available: reservation.available,
        });
      }
      return { product_id: product.id, reserved: reservation.left === null ? 0 : quantity };
    },
    compensate: {
      async run(store, _ctx, result) {
        const { product_id, reserved } = Reserved.parse(result);
        if (reserved > 0) await returnStock(store, product_id, reserved);
      },
    },
  });
}

/** Nothing to charge: a coupon took the whole subtotal. */
type ChargeCall = ChargeResult | { status: "not_needed" };

const chargePayment = step<OrderInput, ChargeCall>({
  name: "charge_payment",
  async call(ctx) {
    const order = created(ctx);
    if (order.total_cents === 0) return { status: "not_needed" };
    return ctx.services.payments.charge({
      idempotencyKey: ctx.key,
      amountCents: order.total_cents,
      currency: order.currency,
      orderId: order.order_id,
      customer: { id: ctx.input.customer_id, email: order.customer_email },
      description: `FlashFusion order ${order.order_id}`,
    });
  },
  async run(store, ctx, charged) {
    const order = created(ctx);
    if (charged.status === "not_needed") return { payment_id: null, transaction_id: null, amount_cents: 0 };
    const payment = await store.insert("Payment", {
      order_id: order.order_id,
      status: charged.status === "succeeded" ? "succeeded" : "failed",
      amount: fromCents(order.total_cents),
      currency: order.currency,
      transaction_id: charged.status === "succeeded" ? charged.transactionId : null,
      processor: ctx.services.payments.name,
      failure_reason: charged.status === "declined" ? `${charged.code}: ${charged.reason}` : null,
    });
    if (charged.status === "declined") {
      return stepFailed("CONFLICT", `The payment of ${formatMoney(order.total_cents, order.currency)} for order ${order.order_id} was declined: ${charged.reason}`, {
        reason: "payment_declined",
        decline_code: charged.code,
        payment_id: payment.id,
      });
    }
    return { payment_id: payment.id, transaction_id: charged.transactionId, amount_cents: order.total_cents };
  },
  compensate: {
    async call(ctx, result) {
      const charge = Charged.parse(result);
      if (!charge.payment_id) return;
      const refund = await ctx.services.payments.refund({
        idempotencyKey: ctx.key,
        transactionId: charge.transaction_id,
        amountCents: charge.amount_cents,
        currency: created(ctx).currency,
      });
      if (refund.status === "failed") throw new ToolError("UPSTREAM", `The refund of payment ${charge.payment_id} failed: ${refund.reason}`);
    },
    async run(store, ctx, result) {
      const { payment_id } = Charged.parse(result);
      if (payment_id) {
        await store.update("Payment", payment_id, { status: "refunded", refunded_at: ctx.clock.now().toISOString() }, { status: "succeeded" });
      }
    },
  },
});

const confirmOrder = step<OrderInput>({
  name: "confirm_order",
  async run(store, ctx) {
    const { order_id } = created(ctx);
    const paid = await store.update("Order", order_id, { status: "paid" }, { status: "pending" });
    if (!paid) throw new ToolError("CONFLICT", `Order ${order_id} changed while it was being processed and is no longer pending`);
    return { status: paid.status };
  },
});

/**
 * Order processing: the order is written `pending` with its prices, each line's stock is
 * reserved, the payment is charged, and the order is marked `paid`. A failure undoes what was
 * done: the charge refunded, the stock given back, the order marked `failed` with the reason.
 */
export const orderProcessing: Workflow<OrderInput> = {
  type: "order_processing",
  input: OrderInput,
  reads: ["User", "Product", "Coupon", "Order", "Payment", "Task", "WorkflowExecution"],
  writes: ["Order", "Product", "Payment", "Task", "WorkflowExecution", "AuditLog"],
  steps: (input) => [createOrder, ...input.items.map((i) => reserveStock(i.sku, i.quantity)), chargePayment, confirmOrder],
  async output(store, ctx) {
    return summarizeOrder(store, await store.require("Order", created(ctx).order_id));
  },
};
