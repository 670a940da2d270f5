import { afterEach, describe, expect, it } from "vitest";
import { createTestKit, type TestKit } from "../testing.js";
import { returnStock, takeStock } from "./stock.js";

let kit: TestKit;
afterEach(() => kit?.close());

describe("stock reservations", () => {
  it("a conditional update lets exactly one of two interleaved takers have the last unit", async () => {
    kit = await createTestKit();
    const p = await kit.store.insert("Product", { sku: "Product-A", price: 1, stock: 1 });
    // Outside a transaction, on a pool (PostgreSQL) the two updates may truly run at once.
    const results = await Promise.all([takeStock(kit.store, p.id, 1), takeStock(kit.store, p.id, 1)]);
    expect(results).toContainEqual({ ok: true, left: 0 });
    expect(results).toContainEqual({ ok: false, available: 0 });
    expect((await kit.store.require("Product", p.id)).stock).toBe(0);
  });

  it("never short of unlimited stock, and gives units back", async () => {
    kit = await createTestKit();
    const unlimited = await kit.store.insert("Product", { sku: "Product-U", price: 1 });
    expect(await takeStock(kit.store, unlimited.id, 1000)).toEqual({ ok: true, left: null });
    expect(await returnStock(kit.store, unlimited.id, 5)).toBeNull();
    const limited = await kit.store.insert("Product", { sku: "Product-L", price: 1, stock: 2 });
    expect(await takeStock(kit.store, limited.id, 3)).toEqual({ ok: false, available: 2 });
    expect(await returnStock(kit.store, limited.id, 3)).toBe(5);
  });
});
