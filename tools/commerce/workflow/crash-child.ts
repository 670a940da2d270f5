/**
 * The process the crash test kills: it opens the database file it is given, places an order
 * whose payment never answers, says "charging" on stdout once the charge is in flight, and
 * waits to be killed. Run with `node --import tsx tools/commerce/workflow/crash-child.ts FILE`.
 */
import { createTestKit } from "../../testing.js";
import type { PaymentProcessor } from "../payments/processor.js";

const file = process.argv[2];
if (!file) throw new Error("usage: crash-child.ts DATABASE_FILE");

const stalled: PaymentProcessor = {
  name: "test",
  charge: () => {
    process.stdout.write("charging\n");
    setInterval(() => undefined, 60_000); // keeps the process alive until it is killed
    return new Promise(() => undefined);
  },
  refund: () => new Promise(() => undefined),
};

const kit = await createTestKit({ file, services: { payments: stalled } });
await kit.store.insert("User", { id: "usr_ada", email: "ada@example.com", full_name: "Ada Lovelace", role: "customer" });
await kit.store.insert("Product", { sku: "Product-A", name: "Product A", price: 49, stock: 5 });
await kit.store.insert("Product", { sku: "Product-B", name: "Product B", price: 15.5, stock: 4 });
await kit.call(
  "create_order",
  { customer: "ada@example.com", items: [{ sku: "Product-A", quantity: 2 }, { sku: "Product-B", quantity: 1 }] },
  { idempotencyKey: "thr_crash:call_1" },
);
