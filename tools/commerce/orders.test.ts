import { afterEach, describe, expect, it } from "vitest";
import type { Actor } from "../define.js";
import { createTestKit, type TestKit } from "../testing.js";
import { okOutput, okReply, seedShop, snapshot } from "./fixtures.js";

let kit: TestKit;
afterEach(() => kit?.close());

async function placeOrder(customer: string, quantity = 2) {
  return okOutput(await kit.call("create_order", { customer, items: [{ sku: "Product-A", quantity }] }));
}

async function shopWithOrders() {
  kit = await createTestKit();
  const { ada } = await seedShop(kit, { stockA: 10 });
  const bo = await kit.store.insert("User", { id: "usr_bo", email: "bo@example.com", full_name: "Bo Chen", role: "customer" });
  const adaOrder = await placeOrder("ada@example.com");
  const boOrder = await placeOrder("bo@example.com", 1);
  const asActor = (u: typeof ada): Actor => ({ id: u.id, role: u.role, email: u.email, full_name: u.full_name });
  return { ada: asActor(ada), bo: asActor(bo), adaOrder, boOrder };
}

describe("get_order and list_orders", () => {
  it("shows an order with its payment and workflow", async () => {
    const { adaOrder } = await shopWithOrders();
    const out = await kit.call("get_order", { order_id: adaOrder.id });
    expect(okOutput(out)).toMatchObject({ id: adaOrder.id, status: "paid", total_amount: 98, payment: { status: "succeeded", amount: 98 } });
    expect(okReply(out)).toMatch(new RegExp(`Order ${adaOrder.id} for Ada Lovelace \\(ada@example.com\\): paid`));
    await expect(kit.call("get_order", { order_id: "ord_missing" })).rejects.toMatchObject({ code: "NOT_FOUND", message: expect.stringContaining("ord_missing") });
  });

  it("lets a customer see their own orders only", async () => {
    const { ada, adaOrder, boOrder } = await shopWithOrders();
    expect(okOutput(await kit.call("get_order", { order_id: adaOrder.id }, { actor: ada })).id).toBe(adaOrder.id);
    await expect(kit.call("get_order", { order_id: boOrder.id }, { actor: ada })).rejects.toMatchObject({ code: "NOT_FOUND" });
    const mine = okOutput(await kit.call("list_orders", {}, { actor: ada }));
    expect(mine.orders.map((o: { id: string }) => o.id)).toEqual([adaOrder.id]);
    await expect(kit.call("list_orders", { customer: "bo@example.com" }, { actor: ada })).rejects.toMatchObject({ code: "FORBIDDEN" });
  });

  it("lists the workspace's orders for staff, by customer and status, newest first", async () => {
    const { adaOrder, boOrder } = await shopWithOrders();
    await kit.db.kysely.updateTable("orders").set({ created_at: "2026-03-09T09:00:00.000Z" }).where("id", "=", adaOrder.id).execute();
    const all = await kit.call("list_orders", {});
    expect(okOutput(all).orders.map((o: { id: string }) => o.id)).toEqual([boOrder.id, adaOrder.id]);
    expect(okReply(all)).toMatch(/^2 orders, newest first:\n- ord_/);
    expect(okOutput(await kit.call("list_orders", { customer: "bo@example.com" })).orders).toHaveLength(1);
    expect(okReply(await kit.call("list_orders", { status: "refunded" }))).toBe("No refunded orders.");
    const limited = okOutput(await kit.call("list_orders", { limit: 1 }));
    expect([limited.orders.length, limited.total]).toEqual([1, 2]);
  });
});

describe("cancel_order and refund_order", () => {
  it("cancels a paid order after approval: payment refunded, stock returned", async () => {
    const { adaOrder } = await shopWithOrders();
    expect((await kit.store.findOne("Product", { sku: "Product-A" }))!.stock).toBe(7);
    const asked = await kit.call("cancel_order", { order_id: adaOrder.id, reason: "changed their mind" });
    expect(asked.status).toBe("approval_required");
    if (asked.status !== "approval_required") return;
    expect(asked.approval.summary).toMatch(/Cancel order ord_\w+ of Ada Lovelace.*refund \$98\.00 \(payment pay_\w+\); return 2 × Product-A to stock/);
    expect((await kit.store.require("Order", adaOrder.id)).status).toBe("paid");

    const done = await kit.callApproved("cancel_order", { order_id: adaOrder.id, reason: "changed their mind" });
    expect(okReply(done)).toMatch(/is cancelled\.\n- Refunded \$98\.00 \(payment pay_\w+\)\n- Returned 2 × Product-A to stock/);
    expect(await kit.store.require("Order", adaOrder.id)).toMatchObject({ status: "cancelled", cancellation_reason: "changed their mind" });
    expect(await kit.store.findOne("Payment", { order_id: adaOrder.id })).toMatchObject({ status: "refunded", refunded_at: "2026-03-10T09:00:00.000Z" });
    expect((await kit.store.findOne("Product", { sku: "Product-A" }))!.stock).toBe(9);
  });

  it("refunds a paid order, and refuses one that is not paid before asking for approval", async () => {
    const { boOrder } = await shopWithOrders();
    const done = await kit.callApproved("refund_order", { order_id: boOrder.id });
    expect(okOutput(done)).toMatchObject({ status: "refunded", refunded: [{ amount: 49 }], restocked: [{ sku: "Product-A", quantity: 1 }] });
    const before = await snapshot(kit);
    await expect(kit.call("refund_order", { order_id: boOrder.id })).rejects.toMatchObject({
      code: "CONFLICT",
      message: expect.stringMatching(/is refunded: only paid orders can be refunded/),
    });
    await expect(kit.call("cancel_order", { order_id: "ord_nope" })).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect(await snapshot(kit)).toEqual(before);
    expect(await kit.store.count("PendingApproval", { tool: "refund_order", status: "pending" })).toBe(0);
  });

  it("a rejected cancellation changes nothing", async () => {
    const { adaOrder } = await shopWithOrders();
    const asked = await kit.call("cancel_order", { order_id: adaOrder.id });
    if (asked.status !== "approval_required") throw new Error("expected an approval request");
    const before = await snapshot(kit);
    const { decideApproval } = await import("../door.js");
    await decideApproval(kit.deps, { workspaceId: "ws_default", actor: kit.actor }, asked.approval.id, false);
    await expect(kit.call("cancel_order", { order_id: adaOrder.id }, { approvalId: asked.approval.id })).rejects.toThrow(/rejected/);
    expect(await snapshot(kit)).toEqual(before);
  });
});
