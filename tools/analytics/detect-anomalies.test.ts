import { afterEach, describe, expect, it } from "vitest";
import type { TestKit } from "../testing.js";
import { analyticsKit, before, DAY, HOUR } from "./testing.js";

const NOW = "2026-03-10T09:00:00Z";
let kit: TestKit;
afterEach(() => kit?.close());

async function orders(k: TestKit) {
  await k.store.insert("User", { id: "usr_c", email: "c@example.com", full_name: "C Customer", role: "customer" });
  for (let i = 0; i < 47; i++) {
    const amount = 100 + (i % 5);
    await k.store.insert("Order", { id: `ord_${i}`, user_id: "usr_c", status: "paid", subtotal_amount: amount, total_amount: amount, created_at: before(NOW, i * HOUR) });
  }
  await k.store.insert("Order", { id: "ord_big", user_id: "usr_c", status: "paid", subtotal_amount: 950, total_amount: 950, created_at: before(NOW, 20 * HOUR - 30 * 60_000) });
  await k.store.insert("Order", { id: "ord_old", user_id: "usr_c", status: "paid", subtotal_amount: 5000, total_amount: 5000, created_at: before(NOW, 5 * DAY) });
}

describe("detect_anomalies", () => {
  it("reports the one odd order in the window and never the old one (ss-anomalies-orders-48h)", async () => {
    kit = await analyticsKit(NOW);
    await orders(kit);
    const out = await kit.call("detect_anomalies", { metric: "orders.amount", window_hours: 48 });
    if (out.status !== "ok") throw new Error("expected a result");
    expect(out.reply).toContain("950");
    expect(out.reply.replace(/,/g, "")).not.toContain("5000");
    const reports = await kit.store.find("InsightReport", { report_type: "anomaly" });
    expect(reports).toHaveLength(1);
    expect(reports[0]!.insights).toHaveLength(1);
    expect(reports[0]!.insights[0]).toMatchObject({
      kind: "anomaly",
      entity_type: "Order",
      entity_id: "ord_big",
      value: 950,
      time: "2026-03-09T13:30:00.000Z",
      median: 102,
      deviation: 848,
      direction: "above",
      z: expect.closeTo((0.6745 * 848) / 1, 6),
    });
    expect((out.output as any).chart_svg).toContain("ord_big");
  });

  it("states that there are no anomalies", async () => {
    kit = await analyticsKit(NOW);
    await orders(kit);
    await kit.store.update("Order", "ord_big", { total_amount: 103 });
    const out = await kit.call("detect_anomalies", { metric: "orders.amount", window_hours: 48 });
    if (out.status !== "ok") throw new Error("expected a result");
    expect(out.reply).toMatch(/^No anomalies in order amount over the last 2 days: all 48 points/);
    const [report] = await kit.store.find("InsightReport", { report_type: "anomaly" });
    expect(report!.insights).toEqual([]);
  });

  it("needs a minimum history before it judges", async () => {
    kit = await analyticsKit(NOW);
    await kit.store.insert("Payment", { order_id: "o1", amount: 10, status: "succeeded", created_at: before(NOW, HOUR) });
    await kit.store.insert("Payment", { order_id: "o2", amount: 9000, status: "succeeded", created_at: before(NOW, 2 * HOUR) });
    const out = await kit.call("detect_anomalies", { metric: "payments.amount", window_hours: 72 });
    if (out.status !== "ok") throw new Error("expected a result");
    expect(out.reply).toMatch(/Not enough history/);
    expect((out.output as any).anomalies).toEqual([]);
    expect((out.output as any).task_id).toMatch(/^tsk_/);
  });

  it("counts events per hour and flags a spike", async () => {
    kit = await analyticsKit(NOW);
    for (let h = 0; h < 48; h++) {
      const n = h === 5 ? 40 : 3 + (h % 2);
      for (let j = 0; j < n; j++) await kit.store.insert("Event", { event_name: "signup", user_id: `u${h}-${j}`, timestamp: before(NOW, h * HOUR + j * 60_000) });
    }
    const out = await kit.call("detect_anomalies", { metric: "signups", window_hours: 24 });
    const o = (out as any).output;
    expect(o.anomalies).toHaveLength(1);
    expect(o.anomalies[0]).toMatchObject({ value: 40, entity_id: null, time: before(NOW, 5 * HOUR) });
    expect((out as any).reply).toMatch(/40 signups in the hour ending 2026-03-10 04:00 UTC/);
  });
});
