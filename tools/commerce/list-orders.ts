import { z } from "zod";
import { defineTool } from "../define.js";
import { forbidden } from "../errors.js";
import { resolveUser } from "./customers.js";
import { ORDER_STATUSES, OrderSummary, orderLine, summarizeOrder } from "./orders/summary.js";

const input = z.object({
  customer: z.string().trim().min(1).nullish().meta({
    description: "The customer whose orders to list: their email (or user id usr_…, or full name)",
    extract: "email",
    cues: ["for", "of", "by", "from", "customer"],
  }),
  status: z.enum(ORDER_STATUSES).nullish().meta({
    description: "The status of the orders to list",
    extract: "enum",
    cues: ["status", "that are", "which are"],
  }),
  limit: z.number().int().min(1).max(100).default(20).meta({
    description: "How many orders to list at most",
    extract: "integer",
    cues: ["last", "latest", "top", "recent"],
  }),
});

const output = z.object({
  orders: z.array(OrderSummary),
  /** How many orders match, beyond the limit too. */
  total: z.number().int(),
  filter: z.object({ customer: z.string().nullable(), status: z.enum(ORDER_STATUSES).nullable() }),
});

export const listOrders = defineTool({
  name: "list_orders",
  title: "List orders",
  description: "List orders newest first, optionally for one customer or with one status; customers see only their own orders",
  domain: "commerce",
  input,
  output,
  effect: "read",
  roles: ["admin", "member", "customer"],
  reads: ["Order", "User", "Payment"],
  examples: [
    "List orders for ada@example.com",
    "Show my orders",
    "Show the last 5 orders",
    "Which orders failed?",
    "List refunded orders for bo@example.com",
    "Show paid orders",
  ],
  keywords: ["orders", "list", "history", "purchases", "recent"],
  async run(args, ctx) {
    let userId: string | null = null;
    let label: string | null = null;
    if (args.customer) {
      const user = await resolveUser(ctx.store, args.customer, "customer");
      userId = user.id;
      label = user.email;
    }
    if (ctx.actor.role === "customer") {
      if (userId && userId !== ctx.actor.id) throw forbidden("Customers can list their own orders only; ask without naming another customer", { field: "customer" });
      userId = ctx.actor.id;
      label = ctx.actor.email;
    }
    const filtered = () => {
      let q = ctx.store.select("Order");
      if (userId) q = q.where(ctx.store.column("Order", "user_id"), "=", userId);
      if (args.status) q = q.where(ctx.store.column("Order", "status"), "=", args.status);
      return q;
    };
    const rows = await filtered().orderBy("created_at", "desc").orderBy("id", "desc").limit(args.limit).execute();
    const counted = await filtered()
      .clearSelect()
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .executeTakeFirst();
    const orders = [];
    for (const order of ctx.store.decode("Order", rows)) orders.push(await summarizeOrder(ctx.store, order));
    return { orders, total: Number(counted?.n ?? orders.length), filter: { customer: label, status: args.status ?? null } };
  },
  reply(o) {
    const what = (n: number) => [o.filter.status, n === 1 ? "order" : "orders", o.filter.customer ? `for ${o.filter.customer}` : null].filter(Boolean).join(" ");
    if (o.orders.length === 0) return `No ${what(0)}.`;
    const head = o.total > o.orders.length ? `${o.total} ${what(o.total)}; the newest ${o.orders.length}:` : `${o.total} ${what(o.total)}, newest first:`;
    return [head, ...o.orders.map((x) => `- ${orderLine(x)}`)].join("\n");
  },
});
