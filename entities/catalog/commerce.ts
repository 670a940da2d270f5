import { z } from "zod";
import { defineEntity } from "../define.js";
import { f } from "../fields.js";

export const Product = defineEntity({
  name: "Product",
  table: "products",
  prefix: "prd",
  fields: {
    sku: f.text(),
    name: f.text(""),
    price: f.money(),
    currency: f.text("USD"),
    /** null = unlimited */
    stock: f.intOrNull(),
    active: f.bool(true),
  },
  unique: [["sku"]],
});

export const Coupon = defineEntity({
  name: "Coupon",
  table: "coupons",
  prefix: "cpn",
  fields: {
    code: f.text(),
    percent_off: f.realOrNull(),
    amount_off: f.moneyOrNull(),
    active: f.bool(true),
    expires_at: f.timeOrNull(),
  },
  unique: [["code"]],
});

export const OrderItem = z.object({
  sku: z.string(),
  quantity: z.number().int().positive(),
  unit_price: z.number(),
  name: z.string().optional(),
});
export type OrderItem = z.infer<typeof OrderItem>;

export const Order = defineEntity({
  name: "Order",
  table: "orders",
  prefix: "ord",
  fields: {
    user_id: f.text(),
    status: f.enum(["pending", "paid", "failed", "cancelled", "refunded"], "pending"),
    items: f.json(z.array(OrderItem), () => []),
    coupon_code: f.textOrNull(),
    subtotal_amount: f.money(0),
    discount_amount: f.money(0),
    total_amount: f.money(0),
    currency: f.text("USD"),
    workflow_execution_id: f.textOrNull(),
    failure_reason: f.textOrNull(),
    /** Why a person cancelled or refunded it. */
    cancellation_reason: f.textOrNull(),
  },
  indexes: [["created_at"], ["user_id"], ["workflow_execution_id"]],
});

export const Payment = defineEntity({
  name: "Payment",
  table: "payments",
  prefix: "pay",
  fields: {
    order_id: f.text(),
    status: f.enum(["pending", "succeeded", "failed", "refunded"], "pending"),
    amount: f.money(),
    currency: f.text("USD"),
    transaction_id: f.textOrNull(),
    processor: f.text("test"),
    failure_reason: f.textOrNull(),
    refunded_at: f.timeOrNull(),
  },
  indexes: [["order_id"]],
});

export const Task = defineEntity({
  name: "Task",
  table: "tasks",
  prefix: "tsk",
  fields: {
    title: f.text(),
    description: f.textOrNull(),
    status: f.enum(["open", "in_progress", "done", "cancelled"], "open"),
    workflow_type: f.textOrNull(),
    current_step: f.textOrNull(),
    assignee_id: f.textOrNull(),
    due_at: f.timeOrNull(),
    source: f.text("user"),
    related_id: f.textOrNull(),
    priority: f.enum(["low", "normal", "high"], "normal"),
    completed_at: f.timeOrNull(),
  },
  indexes: [["assignee_id"], ["related_id"]],
});

export const WorkflowStep = z
  .object({
    name: z.string(),
    status: z.enum(["pending", "running", "completed", "failed", "compensated", "compensation_failed", "skipped"]),
  })
  .passthrough();
export type WorkflowStep = z.infer<typeof WorkflowStep>;

export const WorkflowExecution = defineEntity({
  name: "WorkflowExecution",
  table: "workflow_executions",
  prefix: "exec",
  fields: {
    workflow_type: f.text(),
    status: f.enum(["running", "completed", "failed", "rolled_back", "compensation_failed"], "running"),
    steps: f.json(z.array(WorkflowStep), () => []),
    idempotency_key: f.textOrNull(),
    input_hash: f.textOrNull(),
    input: f.json(z.record(z.string(), z.unknown()), () => ({})),
    output: f.jsonOrNull(z.record(z.string(), z.unknown())),
    error: f.textOrNull(),
    /** The failing step's name and its ToolError code and details, to answer a replay alike. */
    failed_step: f.textOrNull(),
    error_code: f.textOrNull(),
    error_details: f.jsonOrNull(z.record(z.string(), z.unknown())),
    actor_id: f.textOrNull(),
    started_at: f.timeOrNull(),
    finished_at: f.timeOrNull(),
    rolled_back_at: f.timeOrNull(),
    /** The process driving the execution (host:pid:token), so only a dead one's execution is recovered. */
    owner_id: f.textOrNull(),
  },
  unique: [["idempotency_key"]],
  indexes: [["status"]],
});
