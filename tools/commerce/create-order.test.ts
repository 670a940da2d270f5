import { afterEach, describe, expect, it } from "vitest";
import { createTestKit, type TestKit } from "../testing.js";
import { okOutput, okReply, seedShop, snapshot } from "./fixtures.js";
import type { PaymentProcessor } from "./payments/processor.js";
import { createTestPaymentProcessor } from "./payments/test-processor.js";

let kit: TestKit;
afterEach(() => kit?.close());

const order = (customer: string, items: { sku: string; quantity: number }[], coupon_code?: string) => ({ customer, items, coupon_code });

describe("create_order", () => {
  it("prices from the catalog, applies the coupon, charges and marks the order paid (the seed's example)", async () => {
    kit = await createTestKit();
    await seedShop(kit);
    const out = await kit.call("create_order", order("ada@example.com", [{ sku: "Product-A", quantity: 2 }], "LAUNCH10"));
    expect(okReply(out)).toMatch(/\$88\.20/);
    const o = okOutput(out);
    const row = await kit.store.require("Order", o.id);
    expect(row).toMatchObject({
      user_id: "usr_ada",
      status: "paid",
      coupon_code: "LAUNCH10",
      subtotal_amount: 98,
      discount_amount: 9.8,
      total_amount: 88.2,
      items: [{ sku: "Product-A", quantity: 2, unit_price: 49, name: "Product A" }],
    });
    const payments = await kit.store.find("Payment");
    expect(payments).toEqual([expect.objectContaining({ order_id: o.id, status: "succeeded", amount: 88.2, processor: "test" })]);
    expect(payments[0]!.transaction_id).toMatch(/^txn_test_/);
    const [execution] = await kit.store.find("WorkflowExecution");
    expect(execution).toMatchObject({ workflow_type: "order_processing", status: "completed", input: { customer_id: "usr_ada" } });
    expect(row.workflow_execution_id).toBe(execution!.id);
    expect(execution!.steps.map((s) => [s.name, s.status])).toEqual([
      ["create_order", "completed"],
      ["reserve_stock:Product-A", "completed"],
      ["charge_payment", "completed"],
      ["confirm_order", "completed"],
    ]);
    const trail = await kit.store.find("AuditLog", { entity_id: execution!.id });
    expect(trail.map((a) => `${a.action}:${a.status}`).sort()).toEqual(
      [
        "order_processing:started",
        "create_order:completed",
        "reserve_stock:Product-A:completed",
        "charge_payment:completed",
        "confirm_order:completed",
        "order_processing:completed",
      ].sort(),
    );
  });

  it("takes several lines, SKUs in any case, and no coupon", async () => {
    kit = await createTestKit();
    await seedShop(kit);
    const out = await kit.call("create_order", order("ada@example.com", [{ sku: "product-a", quantity: 1 }, { sku: "PRODUCT-B", quantity: 3 }]));
    expect(okReply(out)).toMatch(/Total \$95\.50/);
    const o = okOutput(out);
    expect(await kit.store.require("Order", o.id)).toMatchObject({
      total_amount: 95.5,
      discount_amount: 0,
      coupon_code: null,
      items: [expect.objectContaining({ sku: "Product-A", quantity: 1 }), expect.objectContaining({ sku: "Product-B", quantity: 3 })],
    });
  });

  it("finds the customer by user id or full name too, and asks when a name is ambiguous", async () => {
    kit = await createTestKit();
    await seedShop(kit);
    expect(okOutput(await kit.call("create_order", order("usr_ada", [{ sku: "Product-B", quantity: 1 }]))).customer.email).toBe("ada@example.com");
    expect(okOutput(await kit.call("create_order", order("ada lovelace", [{ sku: "Product-B", quantity: 1 }]))).customer.id).toBe("usr_ada");
    await kit.store.insert("User", { email: "ada2@example.com", full_name: "Ada Lovelace" });
    await expect(kit.call("create_order", order("Ada Lovelace", [{ sku: "Product-B", quantity: 1 }]))).rejects.toMatchObject({
      code: "VALIDATION",
      details: { field: "customer", ask: true, allowed: ["ada2@example.com", "ada@example.com"] },
    });
  });

  it("exact money on awkward prices: 3 × 12.99 with 15 % off is 38.97 − 5.85 = 33.12", async () => {
    kit = await createTestKit();
    await seedShop(kit);
    await kit.store.insert("Product", { sku: "Product-Q", name: "Product Q", price: 12.99 });
    await kit.store.insert("Coupon", { code: "SAVE15", percent_off: 15 });
    const o = okOutput(await kit.call("create_order", order("ada@example.com", [{ sku: "Product-Q", quantity: 3 }], "save15")));
    expect(o).toMatchObject({ subtotal_amount: 38.97, discount_amount: 5.85, total_amount: 33.12, coupon_code: "SAVE15" });
    expect((await kit.store.findOne("Payment", { order_id: o.id }))!.amount).toBe(33.12);
  });

  it("rounds a percent discount half up: 15 % of 12.30 is 1.85 off, 10.45 to pay", async () => {
    kit = await createTestKit();
    await seedShop(kit);
    await kit.store.insert("Product", { sku: "Product-R", name: "Product R", price: 12.3 });
    await kit.store.insert("Coupon", { code: "SAVE15", percent_off: 15 });
    const out = await kit.call("create_order", order("ada@example.com", [{ sku: "Product-R", quantity: 1 }], "SAVE15"));
    expect(okOutput(out)).toMatchObject({ subtotal_amount: 12.3, discount_amount: 1.85, total_amount: 10.45 });
    expect(okReply(out)).toContain("$10.45");
  });

  it("caps a fixed discount at the subtotal and charges nothing when it covers the order", async () => {
    kit = await createTestKit();
    await seedShop(kit);
    await kit.store.insert("Coupon", { code: "GIFT100", amount_off: 100 });
    const out = await kit.call("create_order", order("ada@example.com", [{ sku: "Product-B", quantity: 2 }], "GIFT100"));
    expect(okOutput(out)).toMatchObject({ status: "paid", subtotal_amount: 31, discount_amount: 31, total_amount: 0, payment: null });
    expect(okReply(out)).toMatch(/nothing was charged/);
    expect(await kit.store.count("Payment")).toBe(0);
  });

  it("refuses an unknown user by the email given, writing nothing", async () => {
    kit = await createTestKit();
    await seedShop(kit);
    const before = await snapshot(kit);
    await expect(kit.call("create_order", order("ghost@example.com", [{ sku: "Product-A", quantity: 1 }]))).rejects.toMatchObject({
      code: "NOT_FOUND",
      message: expect.stringMatching(/^No user ghost@example\.com in this workspace/),
      details: { field: "customer" },
    });
    expect(await snapshot(kit)).toEqual(before);
  });

  it.each([
    ["expired", { code: "SUMMER5", percent_off: 5, expires_at: "2026-03-07T09:00:00Z" }, /Coupon SUMMER5 expired on 2026-03-07/],
    ["inactive", { code: "OLD20", percent_off: 20, active: false }, /Coupon OLD20 is not active/],
    ["unknown", null, /Coupon NOPE1 not found/],
  ] as const)("refuses an %s coupon naming its code, charging nothing", async (_kind, coupon, message) => {
    kit = await createTestKit();
    await seedShop(kit);
    if (coupon) await kit.store.insert("Coupon", coupon);
    const code = coupon?.code ?? "NOPE1";
    const before = await snapshot(kit);
    await expect(kit.call("create_order", order("ada@example.com", [{ sku: "Product-A", quantity: 1 }], code))).rejects.toMatchObject({
      message: expect.stringMatching(message),
      details: { field: "coupon_code" },
    });
    expect(await snapshot(kit)).toEqual(before);
  });

  it("refuses an unknown SKU naming it and the known ones", async () => {
    kit = await createTestKit();
    await seedShop(kit);
    await expect(kit.call("create_order", order("ada@example.com", [{ sku: "Product-Z", quantity: 1 }]))).rejects.toMatchObject({
      code: "NOT_FOUND",
      message: expect.stringMatching(/Product-Z.*Product-A, Product-B/),
    });
    expect(await kit.store.count("WorkflowExecution")).toBe(0);
  });

  it("out of stock on a later line: earlier reservations are released, nothing is charged, the execution is kept", async () => {
    kit = await createTestKit();
    await seedShop(kit, { stockA: 10 });
    await kit.store.insert("Product", { sku: "Product-C", name: "Product C", price: 5, stock: 0 });
    const call = kit.call("create_order", order("ada@example.com", [{ sku: "Product-A", quantity: 1 }, { sku: "Product-C", quantity: 2 }]));
    await expect(call).rejects.toMatchObject({ code: "CONFLICT", details: { sku: "Product-C", requested: 2, available: 0 } });
    await expect(call).rejects.toThrow(/Not enough stock for Product-C.*stock reserved for Product-A was released/);
    expect((await kit.store.findOne("Product", { sku: "Product-A" }))!.stock).toBe(10);
    expect(await kit.store.count("Payment")).toBe(0);
    const [execution] = await kit.store.find("WorkflowExecution");
    expect(execution).toMatchObject({ status: "failed", failed_step: "reserve_stock:Product-C", error_code: "CONFLICT" });
    expect(execution!.steps.map((s) => [s.name, s.status])).toEqual([
      ["create_order", "compensated"],
      ["reserve_stock:Product-A", "compensated"],
      ["reserve_stock:Product-C", "failed"],
      ["charge_payment", "pending"],
      ["confirm_order", "pending"],
    ]);
    expect(await kit.store.findOne("Order", { workflow_execution_id: execution!.id })).toMatchObject({
      status: "failed",
      failure_reason: expect.stringContaining("Not enough stock for Product-C"),
    });
    const compensations = await kit.store.find("AuditLog", { event_type: "workflow_compensation" });
    expect(compensations.map((a) => a.action).sort()).toEqual(["create_order", "reserve_stock:Product-A"]);
  });

  it("a declined payment keeps the failed Payment, releases the stock and fails the order", async () => {
    kit = await createTestKit();
    await seedShop(kit, { stockA: 3 });
    await kit.store.insert("User", { id: "usr_dee", email: "dee+decline@example.com", full_name: "Dee Cline" });
    const call = kit.call("create_order", order("dee+decline@example.com", [{ sku: "Product-A", quantity: 2 }], "LAUNCH10"));
    await expect(call).rejects.toMatchObject({ code: "CONFLICT", details: { reason: "payment_declined", decline_code: "card_declined" } });
    await expect(call).rejects.toThrow(/payment of \$88\.20 .* was declined.*nothing was charged/);
    expect((await kit.store.findOne("Product", { sku: "Product-A" }))!.stock).toBe(3);
    const [payment] = await kit.store.find("Payment");
    expect(payment).toMatchObject({ status: "failed", amount: 88.2, transaction_id: null, failure_reason: expect.stringContaining("card_declined") });
    expect(await kit.store.require("Order", payment!.order_id)).toMatchObject({ status: "failed" });
    expect((await kit.store.find("WorkflowExecution"))[0]).toMatchObject({ status: "failed", failed_step: "charge_payment" });
  });

  it("a compensation that fails ends compensation_failed and opens a task, never silently", async () => {
    const test = createTestPaymentProcessor();
    const refusingRefunds: PaymentProcessor = {
      name: "flaky",
      async charge(request) {
        // Someone cancels the order while the charge is in flight, so confirming it fails next.
        await kit.store.update("Order", request.orderId, { status: "cancelled" });
        return test.charge(request);
      },
      refund: async () => ({ status: "failed", reason: "processor unavailable" }),
    };
    kit = await createTestKit({ services: { payments: refusingRefunds } });
    await seedShop(kit, { stockA: 3 });
    const call = kit.call("create_order", order("ada@example.com", [{ sku: "Product-A", quantity: 1 }]));
    await expect(call).rejects.toThrow(/no longer pending.*payment could not be refunded.*Undoing charge_payment failed: task tsk_\w+ asks a person/);
    const [execution] = await kit.store.find("WorkflowExecution");
    expect(execution).toMatchObject({ status: "compensation_failed", failed_step: "confirm_order" });
    expect(execution!.steps.map((s) => [s.name, s.status])).toEqual([
      ["create_order", "compensated"],
      ["reserve_stock:Product-A", "compensated"],
      ["charge_payment", "compensation_failed"],
      ["confirm_order", "failed"],
    ]);
    expect((await kit.store.findOne("Product", { sku: "Product-A" }))!.stock).toBe(3);
    expect(await kit.store.find("Task")).toEqual([
      expect.objectContaining({
        status: "open",
        source: "workflow",
        related_id: execution!.id,
        workflow_type: "order_processing",
        priority: "high",
        current_step: "charge_payment",
        description: expect.stringContaining("processor unavailable"),
      }),
    ]);
    expect((await kit.store.find("Payment"))[0]).toMatchObject({ status: "succeeded" });
    expect(await kit.store.find("AuditLog", { event_type: "workflow_compensation", status: "compensation_failed" })).toHaveLength(1);
  });

  it("replays the first result for the same key, and refuses the key with another request", async () => {
    kit = await createTestKit();
    await seedShop(kit, { stockA: 5 });
    const request = order("ada@example.com", [{ sku: "Product-A", quantity: 2 }], "LAUNCH10");
    const first = await kit.call("create_order", request, { idempotencyKey: "thr_1:call_1" });
    const again = await kit.call("create_order", request, { idempotencyKey: "thr_1:call_1" });
    expect(again).toMatchObject({ status: "ok", replayed: true });
    expect(okOutput(again)).toEqual(okOutput(first));
    await expect(kit.call("create_order", { ...request, coupon_code: undefined }, { idempotencyKey: "thr_1:call_1" })).rejects.toMatchObject({
      code: "CONFLICT",
    });
    // The same through the tool's own idempotency_key (an MCP or API caller), below the door's record.
    const viaInput = { ...request, idempotency_key: "idem_order_42" };
    const a = okOutput(await kit.call("create_order", viaInput));
    const b = okOutput(await kit.call("create_order", viaInput));
    expect(b).toEqual(a);
    await expect(kit.call("create_order", { ...viaInput, items: [{ sku: "Product-A", quantity: 1 }] })).rejects.toMatchObject({
      code: "CONFLICT",
      message: expect.stringContaining("idem_order_42"),
    });
    expect(await kit.store.count("Order")).toBe(2);
    expect(await kit.store.count("Payment")).toBe(2);
    expect((await kit.store.findOne("Product", { sku: "Product-A" }))!.stock).toBe(1);
  });

  it("replays a failed request's refusal without running it again", async () => {
    kit = await createTestKit();
    await seedShop(kit, { stockA: 1 });
    const request = { ...order("ada@example.com", [{ sku: "Product-A", quantity: 2 }]), idempotency_key: "idem_short" };
    await expect(kit.call("create_order", request)).rejects.toThrow(/Not enough stock for Product-A/);
    await kit.store.update("Product", (await kit.store.findOne("Product", { sku: "Product-A" }))!.id, { stock: 9 });
    await expect(kit.call("create_order", request)).rejects.toThrow(/Not enough stock for Product-A: 2 requested, 1 available/);
    expect(await kit.store.count("WorkflowExecution")).toBe(1);
    expect(await kit.store.count("Order")).toBe(1);
  });

  it("two orders racing for the last unit: exactly one wins", async () => {
    kit = await createTestKit();
    await seedShop(kit, { stockA: 1 });
    await kit.store.insert("User", { id: "usr_bo", email: "bo@example.com", full_name: "Bo Chen" });
    const results = await Promise.allSettled([
      kit.call("create_order", order("ada@example.com", [{ sku: "Product-A", quantity: 1 }])),
      kit.call("create_order", order("bo@example.com", [{ sku: "Product-A", quantity: 1 }])),
    ]);
    expect(results.map((r) => r.status).sort()).toEqual(["fulfilled", "rejected"]);
    const lost = results.find((r) => r.status === "rejected") as PromiseRejectedResult;
    expect(lost.reason).toMatchObject({ code: "CONFLICT", message: expect.stringMatching(/Not enough stock for Product-A/) });
    expect((await kit.store.findOne("Product", { sku: "Product-A" }))!.stock).toBe(0);
    expect(await kit.store.find("Order", { status: "paid" })).toHaveLength(1);
    expect(await kit.store.find("Payment", { status: "succeeded" })).toHaveLength(1);
  });

  it("is for admins and members, not customers", async () => {
    kit = await createTestKit();
    const { ada } = await seedShop(kit);
    const customer = { id: ada.id, role: ada.role, email: ada.email, full_name: ada.full_name };
    await expect(kit.call("create_order", order("ada@example.com", [{ sku: "Product-A", quantity: 1 }]), { actor: customer })).rejects.toMatchObject({
      code: "FORBIDDEN",
    });
  });
});
