import { z } from "zod";
import { defineTool, type AnyTool } from "../../tools/define.js";
import { ToolError } from "../../tools/errors.js";

/**
 * A few small tools for the harness's own tests, one per behaviour the harness must observe:
 * writes across entities, a destructive call with approval, a question back, a read, and
 * background work that finishes after the turn.
 */
const placeOrder = defineTool({
  name: "place_order_for_eval",
  description: "Create a paid order for a user",
  domain: "commerce",
  input: z.object({ user_email: z.string(), sku: z.string(), quantity: z.number().int().positive() }),
  output: z.object({ id: z.string(), total_amount: z.number() }),
  effect: "write",
  reads: ["User", "Product"],
  writes: ["Order", "Payment", "Product"],
  examples: ["Create order for ada@example.com: 2 × Product-A"],
  run: async (input, ctx) => {
    const user = await ctx.store.findOne("User", { email: input.user_email });
    if (!user) throw new ToolError("NOT_FOUND", `No user ${input.user_email} in this workspace`);
    const product = await ctx.store.findOne("Product", { sku: input.sku });
    if (!product) throw new ToolError("NOT_FOUND", `No product ${input.sku}`);
    const total = Math.round(product.price * 100 * input.quantity) / 100;
    const order = await ctx.store.insert("Order", {
      user_id: user.id,
      status: "paid",
      items: [{ sku: product.sku, quantity: input.quantity, unit_price: product.price }],
      subtotal_amount: total,
      total_amount: total,
    });
    await ctx.store.insert("Payment", { order_id: order.id, status: "succeeded", amount: total });
    if (product.stock !== null) await ctx.store.update("Product", product.id, { stock: product.stock - input.quantity });
    return { id: order.id, total_amount: total };
  },
  reply: (o) => `Order ${o.id} is paid: $${o.total_amount.toFixed(2)}`,
});

const rollback = defineTool({
  name: "rollback_for_eval",
  description: "Roll back a workflow execution",
  domain: "commerce",
  input: z.object({ execution_id: z.string() }),
  output: z.object({ id: z.string(), status: z.string() }),
  effect: "destructive",
  reads: ["Order", "Payment"],
  writes: ["WorkflowExecution", "Order", "Payment"],
  examples: ["Rollback workflow exec_1234"],
  prepare: async (input, ctx) => {
    const exec = await ctx.store.get("WorkflowExecution", input.execution_id);
    if (!exec) throw new ToolError("NOT_FOUND", `No workflow execution ${input.execution_id}`);
    return `Roll back ${exec.id} and refund its payments`;
  },
  run: async (input, ctx) => {
    const exec = await ctx.store.update("WorkflowExecution", input.execution_id, { status: "rolled_back" });
    if (!exec) throw new ToolError("NOT_FOUND", `No workflow execution ${input.execution_id}`);
    for (const order of await ctx.store.find("Order", { workflow_execution_id: exec.id })) {
      await ctx.store.update("Order", order.id, { status: "refunded" });
      for (const pay of await ctx.store.find("Payment", { order_id: order.id })) {
        await ctx.store.update("Payment", pay.id, { status: "refunded" });
      }
    }
    return { id: exec.id, status: exec.status };
  },
  reply: (o) => `Rolled back ${o.id}.`,
});

const addNote = defineTool({
  name: "add_note_for_eval",
  description: "Add a note",
  domain: "productivity",
  input: z.object({ content: z.string().optional() }),
  output: z.object({ id: z.string() }),
  effect: "write",
  roles: ["admin", "member", "customer"],
  writes: ["Note"],
  examples: ["Add note: Call ACME Friday 9am"],
  run: async (input, ctx) => {
    if (!input.content) throw new ToolError("VALIDATION", "What should the note say?", { field: "content", ask: true });
    const note = await ctx.store.insert("Note", { content: input.content, owner_id: ctx.actor.id });
    return { id: note.id };
  },
  reply: (o) => `Saved note ${o.id}.`,
});

const listProjects = defineTool({
  name: "list_projects_for_eval",
  description: "List the speaker's projects",
  domain: "productivity",
  input: z.object({}),
  output: z.object({ names: z.array(z.string()) }),
  effect: "read",
  roles: ["admin", "member", "customer"],
  reads: ["Project"],
  examples: ["Show my projects"],
  run: async (_input, ctx) => ({
    names: (await ctx.store.find("Project", { owner_id: ctx.actor.id }, { orderBy: "name" })).map((p) => p.name),
  }),
  reply: (o) => (o.names.length ? `Your projects:\n${o.names.map((n) => `- ${n}`).join("\n")}` : "You have no projects."),
});

const startBuild = defineTool({
  name: "start_build_for_eval",
  description: "Start a pipeline run that finishes in the background",
  domain: "cicd",
  input: z.object({ pipeline_id: z.string(), delay_ms: z.number().int().min(0) }),
  output: z.object({ id: z.string() }),
  effect: "write",
  writes: ["PipelineRun"],
  examples: ["Run api-pipeline"],
  // Not atomic: its store is on the database itself, so the work after the turn can still use it.
  atomic: false,
  run: async (input, ctx) => {
    const run = await ctx.store.insert("PipelineRun", { pipeline_id: input.pipeline_id, number: 1, status: "running" });
    ctx.afterCommit(async () => {
      await new Promise((r) => setTimeout(r, input.delay_ms));
      await ctx.store.update("PipelineRun", run.id, { status: "success" });
    });
    return { id: run.id };
  },
  reply: (o) => `Started run ${o.id}.`,
});

export const fixtureTools = [placeOrder, rollback, addNote, listProjects, startBuild] as unknown as readonly AnyTool[];
