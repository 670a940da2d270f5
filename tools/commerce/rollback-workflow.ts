import { z } from "zod";
import { defineTool } from "../define.js";
import { formatAmount } from "./money.js";
import { PLANS, planLabel } from "./onboarding/plans.js";
import { USER_STATUSES } from "./onboarding/workflow.js";
import { applyRollback } from "./rollback/apply.js";
import { describeRollback, planRollback, rollbackTarget } from "./rollback/plan.js";

const input = z.object({
  execution_id: z.string().trim().min(1).meta({
    description: "The id of the workflow execution to roll back (exec_…)",
    extract: "id",
    prefix: "exec",
    cues: ["workflow", "execution", "rollback", "roll back", "undo", "revert"],
  }),
});

const output = z.object({
  id: z.string(),
  workflow_type: z.string(),
  status: z.literal("rolled_back"),
  orders: z.array(
    z.object({
      id: z.string(),
      status: z.enum(["cancelled", "refunded"]),
      refunded: z.array(z.object({ payment_id: z.string(), amount: z.number(), currency: z.string() })),
      restocked: z.array(z.object({ sku: z.string(), quantity: z.number().int() })),
    }),
  ),
  tasks_cancelled: z.array(z.string()),
  /** The onboarded user's restored fields, when an onboarding was rolled back. */
  user: z
    .object({ id: z.string(), email: z.string(), plan: z.enum(PLANS).nullable().optional(), status: z.enum(USER_STATUSES).optional() })
    .nullable(),
});

export const rollbackWorkflow = defineTool({
  name: "rollback_workflow",
  title: "Roll back workflow",
  description:
    "Roll back a completed workflow execution from what it produced, in one transaction after approval: refund or cancel its orders (payments refunded, stock returned), cancel its open tasks and restore the onboarded user",
  domain: "commerce",
  input,
  output,
  effect: "destructive",
  reads: ["WorkflowExecution", "Order", "Payment", "Product", "Task", "User"],
  writes: ["WorkflowExecution", "Order", "Payment", "Product", "Task", "User"],
  examples: [
    "Rollback workflow exec_1234",
    "Roll back exec_77",
    "Undo workflow execution exec_3vgm3m1pghvy6re9",
    "Revert the order workflow exec_42, it was a mistake",
    "Please compensate workflow exec_a1b2c3",
  ],
  keywords: ["rollback", "roll back", "undo", "revert", "compensate", "workflow", "execution"],
  async prepare(args, ctx) {
    return describeRollback(await planRollback(ctx.store, await rollbackTarget(ctx.store, args.execution_id)));
  },
  async run(args, ctx) {
    const plan = await planRollback(ctx.store, await rollbackTarget(ctx.store, args.execution_id));
    const result = await applyRollback(ctx.store, plan, ctx);
    return {
      id: result.execution.id,
      workflow_type: result.execution.workflow_type,
      status: "rolled_back" as const,
      orders: result.orders,
      tasks_cancelled: result.tasks_cancelled,
      user: result.user,
    };
  },
  reply(o) {
    const lines = [`Rolled back workflow ${o.id} (${o.workflow_type}).`];
    for (const order of o.orders) {
      const money = order.refunded.map((r) => `${formatAmount(r.amount, r.currency)} refunded (payment ${r.payment_id})`);
      const stock = order.restocked.map((r) => `${r.quantity} × ${r.sku} back in stock`);
      lines.push(`- Order ${order.id} ${order.status}${[...money, ...stock].length ? `: ${[...money, ...stock].join(", ")}` : ""}`);
    }
    if (o.tasks_cancelled.length) lines.push(`- Cancelled ${o.tasks_cancelled.length} open task${o.tasks_cancelled.length === 1 ? "" : "s"}: ${o.tasks_cancelled.join(", ")}`);
    if (o.user) {
      const changes = [o.user.plan !== undefined ? `plan back to ${planLabel(o.user.plan)}` : null, o.user.status ? `now ${o.user.status}` : null];
      lines.push(`- User ${o.user.email}: ${changes.filter(Boolean).join(", ")}`);
    }
    if (lines.length === 1) lines.push("- Nothing it did was left to undo.");
    return lines.join("\n");
  },
});
