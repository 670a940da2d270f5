import { z } from "zod";
import { defineTool } from "../define.js";
import { findOrder } from "./orders/access.js";
import { customerName, describeOrder, OrderSummary, summarizeOrder } from "./orders/summary.js";

const input = z.object({
  order_id: z.string().trim().min(1).meta({
    description: "The order's id (ord_…)",
    extract: "id",
    prefix: "ord",
    cues: ["order", "show", "status of"],
  }),
});

export const getOrder = defineTool({
  name: "get_order",
  title: "Get order",
  description: "Show one order with its status, items, amounts, payment and the workflow that processed it; customers see only their own orders",
  domain: "commerce",
  input,
  output: OrderSummary,
  effect: "read",
  roles: ["admin", "member", "customer"],
  reads: ["Order", "User", "Payment"],
  examples: [
    "Show order ord_7f3kq9x2m4wz",
    "What's the status of order ord_1?",
    "Get order ord_abc123",
    "Was ord_77 paid?",
    "Details of my order ord_3vgm3m1pghvy6re9",
  ],
  keywords: ["order", "status", "details", "receipt", "paid"],
  async run(args, ctx) {
    return summarizeOrder(ctx.store, await findOrder(ctx.store, ctx.actor, args.order_id));
  },
  reply: (o) => describeOrder(o, `Order ${o.id} for ${customerName(o)}: ${o.status}.`),
});
