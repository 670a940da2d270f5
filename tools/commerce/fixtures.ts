import type { ToolOutcome } from "../door.js";
import type { TestKit } from "../testing.js";

/** Test rows shared by the commerce tests: a customer, a small catalog, a coupon. */
export async function seedShop(kit: TestKit, options: { stockA?: number | null } = {}) {
  const ada = await kit.store.insert("User", { id: "usr_ada", email: "ada@example.com", full_name: "Ada Lovelace", role: "customer" });
  const productA = await kit.store.insert("Product", { sku: "Product-A", name: "Product A", price: 49, stock: options.stockA ?? null });
  const productB = await kit.store.insert("Product", { sku: "Product-B", name: "Product B", price: 15.5 });
  await kit.store.insert("Coupon", { code: "LAUNCH10", percent_off: 10 });
  return { ada, productA, productB };
}

/** The output of a call that must have succeeded. */
export function okOutput<T = Record<string, any>>(outcome: ToolOutcome): T {
  if (outcome.status !== "ok") throw new Error(`expected ok, got ${outcome.status}`);
  return outcome.output as T;
}

export function okReply(outcome: ToolOutcome): string {
  if (outcome.status !== "ok") throw new Error(`expected ok, got ${outcome.status}`);
  return outcome.reply;
}

/** Every row of the business entities, to show that a refused call changed nothing. */
export async function snapshot(kit: TestKit) {
  const names = ["User", "Product", "Order", "Payment", "Task", "WorkflowExecution", "Draft"] as const;
  const out: Partial<Record<(typeof names)[number], unknown[]>> = {};
  for (const n of names) out[n] = await kit.store.find(n);
  return out;
}
