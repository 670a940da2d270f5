import { spawn } from "node:child_process";
import { copyFileSync, existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { fixedClock } from "../../../entities/clock.js";
import { openDb, type Db } from "../../../entities/db.js";
import { randomIds } from "../../../entities/ids.js";
import { createCore } from "../../core.js";
import { callTool, storeFor } from "../../door.js";
import { createRegistry } from "../../registry.js";
import { TEST_SECRET_KEY } from "../../testing.js";
import { commerceTools } from "../index.js";
import type { PaymentProcessor } from "../payments/processor.js";
import { createTestPaymentProcessor } from "../payments/test-processor.js";

const CHILD = fileURLToPath(new URL("./crash-child.ts", import.meta.url));
const ROOT = fileURLToPath(new URL("../../../", import.meta.url));

const dirs: string[] = [];
let crashed: string;
let db: Db | undefined;

// One child is killed mid-order; each test restarts on its own copy of the files it left.
beforeAll(async () => {
  crashed = join(tempDir(), "shop.db");
  await crashMidOrder(crashed);
}, 60_000);
afterEach(async () => {
  await db?.close();
  db = undefined;
});
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), "ff-crash-"));
  dirs.push(dir);
  return dir;
}

/** A copy of the crashed database, write-ahead log included, as the dead process left it. */
function copyOfCrash(): string {
  const file = join(tempDir(), "shop.db");
  for (const suffix of ["", "-wal"]) if (existsSync(crashed + suffix)) copyFileSync(crashed + suffix, file + suffix);
  return file;
}

/** Runs the child until its charge is in flight, then kills it: SIGKILL, no cleanup of any kind. */
async function crashMidOrder(file: string): Promise<void> {
  const child = spawn(process.execPath, ["--import", "tsx", CHILD, file], { cwd: ROOT, stdio: ["ignore", "pipe", "pipe"] });
  let stderr = "";
  child.stderr.on("data", (d) => (stderr += String(d)));
  const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
  await new Promise<void>((resolve, reject) => {
    let out = "";
    child.stdout.on("data", (d) => {
      out += String(d);
      if (out.includes("charging\n")) resolve();
    });
    exited.then((code) => reject(new Error(`the child exited (${code}) before charging: ${stderr}`)));
  });
  child.kill("SIGKILL");
  await exited;
}

async function restart(file: string, payments: PaymentProcessor) {
  db = await openDb({ file });
  const core = createCore({
    db,
    secretKey: TEST_SECRET_KEY,
    registry: createRegistry(commerceTools),
    clock: fixedClock("2026-03-10T09:05:00Z"),
    ids: randomIds,
    services: { payments },
  });
  const store = storeFor(core, "ws_default");
  const [before] = await store.find("WorkflowExecution");
  await core.start();
  return { core, store, before: before! };
}

describe("a crash between two steps", () => {
  it("is completed at the next start: the interrupted charge runs again under its key", async () => {
    const { core, store, before } = await restart(copyOfCrash(), createTestPaymentProcessor());

    expect(before.status).toBe("running");
    expect(before.steps.map((s) => `${s.name}:${s.status}`)).toEqual([
      "create_order:completed",
      "reserve_stock:Product-A:completed",
      "reserve_stock:Product-B:completed",
      "charge_payment:running",
      "confirm_order:pending",
    ]);

    const after = await store.require("WorkflowExecution", before.id);
    expect(after.status).toBe("completed");
    expect(after.steps.find((s) => s.name === "charge_payment")).toMatchObject({ status: "completed", attempts: 2 });
    const [order] = await store.find("Order");
    expect(order).toMatchObject({ status: "paid", total_amount: 113.5, workflow_execution_id: before.id });
    expect(await store.find("Payment")).toEqual([expect.objectContaining({ status: "succeeded", amount: 113.5 })]);
    expect((await store.findOne("Product", { sku: "Product-A" }))!.stock).toBe(3);
    expect((await store.findOne("Product", { sku: "Product-B" }))!.stock).toBe(3);
    expect(await store.findOne("AuditLog", { entity_id: before.id, status: "resumed" })).toBeDefined();

    // The caller retrying with its key gets the first result, and nothing happens twice.
    const retry = await callTool(
      core,
      "create_order",
      { customer: "ada@example.com", items: [{ sku: "Product-A", quantity: 2 }, { sku: "Product-B", quantity: 1 }] },
      { workspaceId: "ws_default", actor: { id: "usr_actor", role: "admin", email: "actor@example.com", full_name: "Actor" }, idempotencyKey: "thr_crash:call_1" },
    );
    expect(retry).toMatchObject({ status: "ok", output: { id: order!.id, status: "paid" } });
    expect(await store.count("Order")).toBe(1);
    expect(await store.count("Payment")).toBe(1);
  });

  it("is compensated at the next start when the resumed step fails: stock back, order failed", async () => {
    const declining: PaymentProcessor = {
      ...createTestPaymentProcessor(),
      charge: async () => ({ status: "declined", code: "card_declined", reason: "the card was declined" }),
    };
    const { store, before } = await restart(copyOfCrash(), declining);

    const after = await store.require("WorkflowExecution", before.id);
    expect(after).toMatchObject({ status: "failed", failed_step: "charge_payment" });
    expect(after.steps.map((s) => `${s.name}:${s.status}`)).toEqual([
      "create_order:compensated",
      "reserve_stock:Product-A:compensated",
      "reserve_stock:Product-B:compensated",
      "charge_payment:failed",
      "confirm_order:pending",
    ]);
    expect(await store.find("Order")).toEqual([expect.objectContaining({ status: "failed", failure_reason: expect.stringContaining("declined") })]);
    expect(await store.count("Payment", { status: "succeeded" })).toBe(0);
    expect((await store.findOne("Product", { sku: "Product-A" }))!.stock).toBe(5);
    expect((await store.findOne("Product", { sku: "Product-B" }))!.stock).toBe(4);
  });
});
