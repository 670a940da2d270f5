import { z } from "zod";
import { defineTool } from "../define.js";
import { conflict } from "../errors.js";
import { resolveUser } from "./customers.js";
import { formatAmount } from "./money.js";
import { orderFailure } from "./orders/failure.js";
import { customerName, describeOrder, OrderSummary } from "./orders/summary.js";
import { orderProcessing, type OrderInput } from "./orders/workflow.js";
import { quoteOrder } from "./pricing.js";
import { startWorkflow } from "./workflow/engine.js";
import { requestHash } from "./workflow/idempotency.js";
import { runtimeOf } from "./workflow/runtime.js";
import { idempotencyKeyField, workflowKey } from "./workflow/key.js";

const input = z.object({
  customer: z.string().trim().min(1).meta({
    description: "The customer's email (or their user id usr_…, or full name)",
    extract: "email",
    cues: ["for", "customer", "user", "buyer"],
  }),
  items: z
    .array(
      z.object({
        sku: z.string().trim().min(1).meta({ description: "Product SKU, in any case (Product-A)" }),
        quantity: z.number().int().positive().meta({ description: "How many units" }),
      }),
    )
    .min(1)
    .meta({
      description: "The items to order, as quantity × SKU (2 × Product-A and 1 x Product-B)",
      extract: "line_items",
      cues: [":", "order", "buy"],
    }),
  coupon_code: z.string().trim().min(1).nullish().meta({
    description: "A coupon code for a discount (LAUNCH10), if any",
    extract: "code",
    cues: ["coupon", "code", "promo", "voucher", "discount"],
  }),
  idempotency_key: idempotencyKeyField,
});

export const createOrder = defineTool({
  name: "create_order",
  title: "Create order",
  description:
    "Create an order for a customer at catalog prices, with an optional coupon, reserving stock and charging the payment as one workflow that undoes its own steps when one fails (out of stock, payment declined)",
  domain: "commerce",
  input,
  output: OrderSummary,
  effect: "write",
  atomic: false,
  reads: orderProcessing.reads,
  writes: orderProcessing.writes,
  examples: [
    "Create order for user@example.com: 2 × Product-A with coupon LAUNCH10",
    "Create order for bo@example.com: 1 x Product-A and 3 x Product-B",
    "Place an order for ada@example.com: 2x product-a",
    "Order 3 × Product-R for ada@example.com with coupon SAVE15",
    "Buy 1 × Product-C for jordan@example.com",
    "New order for usr_ada: 5 x Product-B, promo code SPRING20",
  ],
  keywords: ["order", "purchase", "buy", "checkout", "cart", "coupon", "sku", "charge"],
  async run(args, ctx) {
    const request = { customer: args.customer, items: args.items, coupon_code: args.coupon_code ?? null };
    const { execution } = await startWorkflow(runtimeOf(ctx), orderProcessing, {
      key: workflowKey(args.idempotency_key, ctx),
      hash: requestHash("order_processing", request),
      async prepare(): Promise<OrderInput> {
        const customer = await resolveUser(ctx.store, request.customer, "customer");
        if (customer.status === "disabled") {
          throw conflict(`User ${customer.email} is disabled: enable the account before ordering for them`, { field: "customer" });
        }
        const quote = await quoteOrder(ctx.store, request.items, request.coupon_code, ctx.clock.now());
        return { customer_id: customer.id, items: quote.lines.map((l) => ({ sku: l.sku, quantity: l.quantity })), coupon_code: quote.coupon_code };
      },
    });
    // A completed execution (even one rolled back since) answers its first result.
    if (execution.output) return OrderSummary.parse(execution.output);
    throw await orderFailure(ctx.store, execution);
  },
  reply: (o) =>
    describeOrder(
      o,
      o.payment
        ? `Order ${o.id} is ${o.status}: ${formatAmount(o.total_amount, o.currency)} charged to ${customerName(o)}.`
        : `Order ${o.id} is ${o.status} for ${customerName(o)}: the coupon covers it all, nothing was charged.`,
    ),
});
