/**
 * Two server processes on one database (PostgreSQL under the `postgres` project, one SQLite file
 * otherwise): a thread begun on one continues on the other, a due webhook delivery both race
 * for is sent once, two orders racing for the last unit end with exactly one winner, and a
 * server starting up recovers only the work of a server that is gone.
 */
import { spawn, spawnSync, type ChildProcessWithoutNullStreams } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { hostname, tmpdir } from "node:os";
import { join } from "node:path";
import { createInterface } from "node:readline";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openTestDb } from "../entities/scratch.js";
import { Store } from "../entities/store.js";
import { createCipher } from "../entities/crypto.js";
import { systemClock } from "../entities/clock.js";
import { randomIds } from "../entities/ids.js";
import type { Db } from "../entities/db.js";
import { ALLOWLIST_SETTING } from "../tools/cicd/webhooks/dispatcher/endpoint-guard.js";
import { startReceiver, type Receiver } from "../tools/cicd/webhooks/testing.js";
import { createTestKit, TEST_SECRET_KEY } from "../tools/testing.js";

const CHILD = join(import.meta.dirname, "testing/server-child.ts");
const RACES = 6;
const DELIVERIES = 20;

class Server {
  private next = 1;
  private readonly waiting = new Map<number, (value: Record<string, unknown>) => void>();
  readonly ready: Promise<void>;
  private stderr = "";
  /** The owner id the process writes on the turns and workflows it drives. */
  owner = "";

  constructor(readonly child: ChildProcessWithoutNullStreams) {
    let started!: () => void;
    this.ready = new Promise((r) => (started = r));
    child.stderr.on("data", (d: Buffer) => (this.stderr += d.toString()));
    createInterface({ input: child.stdout }).on("line", (line) => {
      const msg = JSON.parse(line) as Record<string, unknown>;
      if ("ready" in msg) {
        this.owner = String(msg.owner);
        return started();
      }
      this.waiting.get(msg.id as number)?.(msg);
      this.waiting.delete(msg.id as number);
    });
    child.on("exit", (code) => {
      if (code) for (const resolve of this.waiting.values()) resolve({ status: "error", code: "EXITED", message: this.stderr });
    });
  }

  send(cmd: Record<string, unknown>): Promise<Record<string, any>> {
    const id = this.next++;
    return new Promise((resolve) => {
      this.waiting.set(id, resolve);
      this.child.stdin.write(`${JSON.stringify({ id, ...cmd })}\n`);
    });
  }

  async stop(): Promise<void> {
    const exited = new Promise((r) => this.child.once("exit", r));
    this.child.stdin.end();
    await exited;
  }
}

let dir: string;
let db: Db;
let store: Store;
let receiver: Receiver;
let a: Server;
let b: Server;
let c: Server | undefined;
let file: string;

function startServer(file: string): Server {
  const child = spawn(process.execPath, ["--import", "tsx", CHILD, file], {
    env: { ...process.env, [ALLOWLIST_SETTING]: "127.0.0.1" },
    stdio: ["pipe", "pipe", "pipe"],
  });
  return new Server(child);
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "ff-scale-"));
  file = join(dir, "ff.db");
  receiver = await startReceiver();
  process.env[ALLOWLIST_SETTING] = "127.0.0.1";
  // The database as the servers find it: a customer, products with one unit each, an endpoint.
  const kit = await createTestKit({ file, now: new Date().toISOString() });
  await kit.store.insert("User", { id: "usr_ada", email: "ada@example.com", full_name: "Ada Lovelace", role: "customer" });
  for (let i = 0; i < RACES; i++) await kit.store.insert("Product", { sku: `LAST-${i}`, name: `Last ${i}`, price: 10, stock: 1 });
  const hook = await kit.call("create_webhook", { url: receiver.url(), events: ["run.failed"] });
  expect(hook.status).toBe("ok");
  await kit.close();
  db = await openTestDb({ file });
  store = new Store({ db: db.kysely, cipher: createCipher(TEST_SECRET_KEY), clock: systemClock, ids: randomIds }, "ws_default");
  [a, b] = [startServer(file), startServer(file)];
  await Promise.all([a.ready, b.ready]);
}, 120_000);

afterAll(async () => {
  await Promise.all([a?.stop(), b?.stop(), c?.stop()]);
  await receiver?.close();
  await db?.close();
  delete process.env[ALLOWLIST_SETTING];
  rmSync(dir, { recursive: true, force: true });
});

describe("two server processes on one database", () => {
  it("continue a thread begun on the other: the question asked on A is answered on B", async () => {
    const first = await a.send({ op: "chat", text: "Create a project" });
    expect(first.status).toBe("clarification");
    const second = await b.send({ op: "chat", text: "Apollo", threadId: first.threadId });
    expect(second).toMatchObject({ threadId: first.threadId, status: "completed", tools: ["create_project"] });
    expect((await store.find("Project")).map((p) => p.name)).toEqual(["Apollo"]);
    expect(await store.require("Thread", first.threadId)).toMatchObject({ status: "idle" });
  });

  it("deliver a webhook once when both find it due at the same moment", async () => {
    const [hook] = await store.find("Webhook");
    const now = new Date().toISOString();
    const queued = [];
    for (let i = 0; i < DELIVERIES; i++) {
      const payload = { event: "run.failed", timestamp: now, pipeline_id: null, data: { n: i } };
      queued.push(await store.insert("WebhookDelivery", { webhook_id: hook!.id, event: "run.failed", payload, status: "pending", attempt: 0, next_attempt_at: now }));
    }
    const settled = await Promise.all([a.send({ op: "wake" }), b.send({ op: "wake" })]);
    expect(settled.map((s) => s.settled)).toEqual([true, true]);
    const ids = receiver.requests.map((r) => String(r.headers["webhook-id"]));
    expect(ids.sort()).toEqual(queued.map((d) => d.id).sort());
    for (const d of await store.find("WebhookDelivery")) expect(d).toMatchObject({ status: "delivered", attempt: 1 });
  });

  it("give the last unit to exactly one of two orders racing for it", async () => {
    for (let i = 0; i < RACES; i++) {
      const order = { customer: "ada@example.com", items: [{ sku: `LAST-${i}`, quantity: 1 }] };
      const outcomes = await Promise.all([a, b].map((s) => s.send({ op: "call", tool: "create_order", input: order })));
      const won = outcomes.filter((o) => o.status === "ok");
      expect(won, JSON.stringify(outcomes)).toHaveLength(1);
      const lost = outcomes.find((o) => o.status !== "ok")!;
      expect(lost.code, lost.message).toBe("CONFLICT");
      const product = await store.findOne("Product", { sku: `LAST-${i}` });
      expect(product!.stock).toBe(0);
    }
    const orders = await store.find("Order", { status: "paid" });
    expect(orders).toHaveLength(RACES);
  });

  it("leave a live server's running turn and workflow alone, and finish a dead one's, when a third starts", async () => {
    const deadPid = spawnSync(process.execPath, ["-e", "0"]).pid!;
    const dead = `${hostname()}:${deadPid}:dead0001`;
    const thread = (owner: string) => store.insert("Thread", { actor_id: "usr_actor", status: "running", owner_id: owner });
    const execution = (owner: string) =>
      store.insert("WorkflowExecution", { workflow_type: "retired_workflow", status: "running", actor_id: "usr_actor", owner_id: owner });
    const [liveTurn, deadTurn] = [await thread(a.owner), await thread(dead)];
    const [liveRun, deadRun] = [await execution(a.owner), await execution(dead)];

    c = startServer(file);
    await c.ready;

    expect(await store.require("Thread", liveTurn.id)).toMatchObject({ status: "running", owner_id: a.owner });
    expect(await store.require("WorkflowExecution", liveRun.id)).toMatchObject({ status: "running", owner_id: a.owner });
    expect(await store.require("Thread", deadTurn.id)).toMatchObject({ status: "idle", owner_id: c.owner });
    // A workflow this build no longer defines is handed to a person, by the server that claimed it.
    expect(await store.require("WorkflowExecution", deadRun.id)).toMatchObject({ status: "compensation_failed", owner_id: c.owner });
    expect(await store.findOne("Task", { related_id: deadRun.id })).toBeDefined();

    // A message for the live server's running turn, sent to another server, is refused, not run alongside.
    const refused = await b.send({ op: "chat", text: "Show my projects", threadId: liveTurn.id });
    expect(refused).toMatchObject({ status: "error", tools: [] });
    expect(await store.require("Thread", liveTurn.id)).toMatchObject({ status: "running", owner_id: a.owner });
  });
});
