import { z } from "zod";
import { defineTool } from "../../define.js";
import { formatAmount } from "../money.js";
import { findOrder } from "./access.js";
import { applyReversal, assertReversible, describeReversal, planReversal, type ReversedStatus } from "./reversal.js";
import { describeReversalOutput, ReversalOutput, reversalOutput } from "./reversal-output.js";
import { customerName, summarizeOrder } from "./summary.js";

const input = z.object({
  order_id: z.string().trim().min(1).meta({ description: "The order's id (ord_…)", extract: "id", prefix: "ord", cues: ["order"] }),
  reason: z.string().trim().min(1).max(500).nullish().meta({
    description: "The reason, in a few words (kept on the order)",
    extract: "text",
    cues: ["because", "reason:", "reason", "since"],
  }),
});

interface ReversalToolSpec {
  name: string;
  title: string;
  to: ReversedStatus;
  description: string;
  examples: readonly string[];
  keywords: readonly string[];
}

/** cancel_order and refund_order: the same destructive shape, a different end state. */
export function defineReversalTool(spec: ReversalToolSpec) {
  const verb = spec.to === "cancelled" ? "Cancel" : "Refund";
  return defineTool({
    name: spec.name,
    title: spec.title,
    description: spec.description,
    domain: "commerce",
    input,
    output: ReversalOutput,
    effect: "destructive",
    reads: ["Order", "Payment", "Product", "User", "WorkflowExecution"],
    writes: ["Order", "Payment", "Product"],
    examples: spec.examples,
    keywords: spec.keywords,
    async prepare(args, ctx) {
      const order = await findOrder(ctx.store, ctx.actor, args.order_id);
      await assertReversible(ctx.store, order, spec.to);
      const plan = await planReversal(ctx.store, order, spec.to);
      const who = customerName(await summarizeOrder(ctx.store, order));
      return `${verb} order ${order.id} of ${who} (${order.status}, ${formatAmount(order.total_amount, order.currency)}): ${describeReversal(plan)}`;
    },
    async run(args, ctx) {
      // Checked again: the order may have moved between the approval request and now.
      const order = await findOrder(ctx.store, ctx.actor, args.order_id);
      await assertReversible(ctx.store, order, spec.to);
      const plan = await planReversal(ctx.store, order, spec.to);
      const done = await applyReversal(ctx.store, plan, ctx, args.reason ?? null);
      return reversalOutput(ctx.store, plan, done);
    },
    reply: describeReversalOutput,
  });
}
