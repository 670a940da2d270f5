import { afterEach, describe, expect, it } from "vitest";
import { createCipher } from "../entities/crypto.js";
import { fixedClock } from "../entities/clock.js";
import type { Db } from "../entities/db.js";
import { openTestDb } from "../entities/scratch.js";
import { seededIds } from "../entities/ids.js";
import { Store } from "../entities/store.js";
import { ensureWorkspace } from "../entities/workspace.js";
import { EVAL_SECRET_KEY } from "./case-setup.js";
import { BUSINESS_ENTITIES, describeChanges, readRows, snapshot } from "./state.js";

let db: Db | undefined;
afterEach(() => db?.close());

async function world() {
  db = await openTestDb();
  const deps = { db: db.kysely, cipher: createCipher(EVAL_SECRET_KEY), clock: fixedClock("2026-03-10T09:00:00Z"), ids: seededIds(3) };
  await ensureWorkspace(db.kysely, "ws_a");
  await ensureWorkspace(db.kysely, "ws_b");
  return { kysely: db.kysely, a: new Store(deps, "ws_a"), b: new Store(deps, "ws_b") };
}

describe("the harness's view of the database", () => {
  it("reads rows of every workspace as entity values", async () => {
    const { kysely, a, b } = await world();
    await a.insert("Order", { id: "ord_a", user_id: "u", total_amount: 88.2 });
    await b.insert("Order", { id: "ord_b", user_id: "u", total_amount: 1 });
    expect((await readRows(kysely, "Order")).map((r) => [r.id, r.workspace_id, r.total_amount])).toEqual([
      ["ord_a", "ws_a", 88.2],
      ["ord_b", "ws_b", 1],
    ]);
  });

  it("describes what changed between snapshots: added, removed, changed fields, encrypted ones included", async () => {
    const { kysely, a } = await world();
    await a.insert("Secret", { id: "sec_1", name: "TOKEN", value: "old" });
    await a.insert("Product", { id: "prd_1", sku: "A", price: 1 });
    await a.insert("Product", { id: "prd_2", sku: "B", price: 2 });
    const before = await snapshot(kysely, ["Secret", "Product", "Note"]);
    await a.update("Secret", "sec_1", { value: "new", updated_at: "2026-03-10T09:00:00.000Z" });
    await a.update("Product", "prd_1", { price: 3, updated_at: "2026-03-11T00:00:00Z" });
    await a.delete("Product", "prd_2");
    await a.insert("Product", { id: "prd_3", sku: "C", price: 4 });
    expect(describeChanges(before, await snapshot(kysely, ["Secret", "Product", "Note"]))).toEqual([
      "Secret: changed sec_1 (value)",
      "Product: added prd_3; removed prd_2; changed prd_1 (updated_at, price)",
    ]);
    expect(describeChanges(before, before)).toEqual([]);
  });

  it("counts the contract's business entities, not the conversation's bookkeeping", () => {
    for (const name of ["AuditLog", "Thread", "PendingApproval", "IdempotencyRecord"] as const) expect(BUSINESS_ENTITIES).not.toContain(name);
    for (const name of ["User", "Order", "Note", "PipelineRun", "APIKey", "InsightReport"] as const) expect(BUSINESS_ENTITIES).toContain(name);
  });
});
