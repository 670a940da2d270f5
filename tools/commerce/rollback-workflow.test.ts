import { afterEach, describe, expect, it } from "vitest";
import { decideApproval } from "../door.js";
import { createTestKit, type TestKit } from "../testing.js";
import { okOutput, okReply, seedShop, snapshot } from "./fixtures.js";

let kit: TestKit;
afterEach(() => kit?.close());

/** The public suite's rollback fixture: a completed order execution with its order and payment. */
async function seededExecution(id = "exec_1234") {
  kit = await createTestKit();
  await seedShop(kit);
  await kit.store.insert("WorkflowExecution", { id, workflow_type: "order_processing", status: "completed", idempotency_key: `k-${id}` });
  await kit.store.insert("Order", {
    id: "ord_1",
    user_id: "usr_ada",
    status: "paid",
    items: [{ sku: "Product-A", quantity: 1, unit_price: 49 }],
    subtotal_amount: 49,
    total_amount: 49,
    workflow_execution_id: id,
  });
  await kit.store.insert("Payment", { id: "pay_1", order_id: "ord_1", status: "succeeded", amount: 49, transaction_id: "txn_1" });
}

describe("rollback_workflow", () => {
  it("waits for approval, then refunds the payments and orders linked to the execution", async () => {
    await seededExecution();
    const asked = await kit.call("rollback_workflow", { execution_id: "exec_1234" });
    if (asked.status !== "approval_required") throw new Error("expected an approval request");
    expect(asked.approval.summary).toMatch(/Roll back workflow exec_1234 \(order_processing, completed\):\n- mark order ord_1 \(\$49\.00\) refunded: refund \$49\.00 \(payment pay_1\)/);
    expect((await kit.store.require("WorkflowExecution", "exec_1234")).status).toBe("completed");

    const done = await kit.callApproved("rollback_workflow", { execution_id: "exec_1234" });
    expect(okReply(done)).toMatch(/^Rolled back workflow exec_1234 \(order_processing\)\.\n- Order ord_1 refunded: \$49\.00 refunded \(payment pay_1\)/);
    expect(await kit.store.require("WorkflowExecution", "exec_1234")).toMatchObject({ status: "rolled_back", rolled_back_at: "2026-03-10T09:00:00.000Z" });
    expect(await kit.store.require("Payment", "pay_1")).toMatchObject({ status: "refunded" });
    expect(await kit.store.require("Order", "ord_1")).toMatchObject({ status: "refunded", cancellation_reason: "rollback of workflow exec_1234" });
    const trail = await kit.store.find("AuditLog", { event_type: "workflow_rollback" });
    expect(trail).toEqual([expect.objectContaining({ action: "refund_order", entity_id: "ord_1" })]);
  });

  it("a rejected rollback changes nothing", async () => {
    await seededExecution("exec_77");
    const asked = await kit.call("rollback_workflow", { execution_id: "exec_77" });
    if (asked.status !== "approval_required") throw new Error("expected an approval request");
    const before = await snapshot(kit);
    await decideApproval(kit.deps, { workspaceId: "ws_default", actor: kit.actor }, asked.approval.id, false);
    await expect(kit.call("rollback_workflow", { execution_id: "exec_77" }, { approvalId: asked.approval.id })).rejects.toThrow(/rejected/);
    expect(await snapshot(kit)).toEqual(before);
  });

  it("answers an unknown or already rolled-back execution at once, without asking or changing anything", async () => {
    await seededExecution();
    await expect(kit.call("rollback_workflow", { execution_id: "exec_404" })).rejects.toMatchObject({
      code: "NOT_FOUND",
      message: expect.stringMatching(/exec_404 not found/),
    });
    await kit.callApproved("rollback_workflow", { execution_id: "exec_1234" });
    const before = await snapshot(kit);
    await expect(kit.call("rollback_workflow", { execution_id: "exec_1234" })).rejects.toMatchObject({
      code: "CONFLICT",
      message: expect.stringMatching(/exec_1234 was already rolled back on 2026-03-10; nothing was changed/),
    });
    expect(await snapshot(kit)).toEqual(before);
    expect(await kit.store.count("PendingApproval", { status: "pending" })).toBe(0);
  });

  it("refuses to roll back a failed execution: it was compensated when it failed", async () => {
    kit = await createTestKit();
    await seedShop(kit, { stockA: 0 });
    await expect(kit.call("create_order", { customer: "ada@example.com", items: [{ sku: "Product-A", quantity: 1 }] })).rejects.toThrow(/stock/);
    const [failed] = await kit.store.find("WorkflowExecution");
    await expect(kit.call("rollback_workflow", { execution_id: failed!.id })).rejects.toMatchObject({
      code: "CONFLICT",
      message: expect.stringContaining("nothing to roll back"),
    });
  });

  it("returns the stock of a real order and marks its steps compensated", async () => {
    kit = await createTestKit();
    await seedShop(kit, { stockA: 5 });
    const order = okOutput(await kit.call("create_order", { customer: "ada@example.com", items: [{ sku: "product-a", quantity: 2 }, { sku: "Product-B", quantity: 1 }] }));
    expect((await kit.store.findOne("Product", { sku: "Product-A" }))!.stock).toBe(3);
    const done = await kit.callApproved("rollback_workflow", { execution_id: order.workflow_execution_id });
    expect(okReply(done)).toMatch(/2 × Product-A back in stock/);
    expect(okReply(done)).not.toMatch(/Product-B back/); // unlimited stock
    expect((await kit.store.findOne("Product", { sku: "Product-A" }))!.stock).toBe(5);
    const execution = await kit.store.require("WorkflowExecution", order.workflow_execution_id);
    expect(execution.steps.every((s) => s.status === "compensated")).toBe(true);
  });

  it("undoes an onboarding: open tasks cancelled, the draft left, the new user disabled", async () => {
    kit = await createTestKit();
    const onboarded = okOutput(await kit.call("start_onboarding", { email: "kim@example.com", plan: "pro" }));
    const [first] = onboarded.tasks;
    await kit.store.update("Task", first.id, { status: "done" });
    const done = await kit.callApproved("rollback_workflow", { execution_id: onboarded.workflow_execution_id });
    expect(okOutput(done)).toMatchObject({ tasks_cancelled: expect.any(Array), user: { email: "kim@example.com", status: "disabled" } });
    expect(okOutput(done).tasks_cancelled).toHaveLength(3);
    expect(await kit.store.require("Task", first.id)).toMatchObject({ status: "done" });
    expect(await kit.store.count("Task", { status: "cancelled" })).toBe(3);
    expect(await kit.store.count("Draft")).toBe(1);
    expect(await kit.store.findOne("User", { email: "kim@example.com" })).toMatchObject({ status: "disabled" });
  });

  it("undoes an onboarding of an existing user by restoring the plan they had", async () => {
    kit = await createTestKit();
    await kit.store.insert("User", { id: "usr_j", email: "jordan@example.com", full_name: "Jordan Lee", plan: "starter", status: "active" });
    const onboarded = okOutput(await kit.call("start_onboarding", { email: "jordan@example.com", plan: "enterprise" }));
    const asked = await kit.call("rollback_workflow", { execution_id: onboarded.workflow_execution_id });
    if (asked.status !== "approval_required") throw new Error("expected an approval request");
    expect(asked.approval.summary).toContain("put jordan@example.com back from the Enterprise plan to Starter");
    const done = await kit.callApproved("rollback_workflow", { execution_id: onboarded.workflow_execution_id });
    expect(okReply(done)).toContain("User jordan@example.com: plan back to Starter");
    expect(await kit.store.require("User", "usr_j")).toMatchObject({ plan: "starter", status: "active" });
  });
});

describe("show_workflow", () => {
  it("lists the steps with status and timing, and the failure", async () => {
    kit = await createTestKit();
    await seedShop(kit, { stockA: 1 });
    await expect(kit.call("create_order", { customer: "ada@example.com", items: [{ sku: "Product-A", quantity: 2 }] })).rejects.toThrow();
    const [execution] = await kit.store.find("WorkflowExecution");
    const out = await kit.call("show_workflow", { execution_id: execution!.id });
    const reply = okReply(out);
    expect(reply).toMatch(new RegExp(`^Workflow ${execution!.id} \\(order_processing\\): failed, started 2026-03-10 09:00:00 UTC, finished 2026-03-10 09:00:00 UTC\\.`));
    expect(reply).toMatch(/Failed at reserve_stock:Product-A: Not enough stock for Product-A: 2 requested, 1 available/);
    expect(reply).toMatch(/1\. create_order — compensated at 2026-03-10 09:00:00 UTC \(done in [\d.]+ ms, started 2026-03-10 09:00:00 UTC\)/);
    expect(reply).toMatch(/2\. reserve_stock:Product-A — failed in [\d.]+ ms, started .*: Not enough stock/);
    expect(reply).toMatch(/3\. charge_payment — pending \(not started\)/);
    expect(reply).toMatch(/Orders: ord_\w+ \(failed\)/);
    expect(okOutput(out).steps[0]).toMatchObject({ name: "create_order", status: "compensated", attempts: 1, duration_ms: expect.any(Number) });
    await expect(kit.call("show_workflow", { execution_id: "exec_nope" })).rejects.toMatchObject({ code: "NOT_FOUND" });
  });
});
