import { describe, expect, it } from "vitest";
import type { RuntimeEvent } from "../graph/events.js";
import type { Runtime } from "../graph/types.js";
import { SuiteError } from "./errors.js";
import { parseSuite } from "./loader.js";
import { runCase, type CaseRun, type DriveOptions, type RuntimeFactory } from "./run-case.js";
import { fixtureTools } from "./testing/fixture-tools.js";
import { scriptedRuntime, type Script } from "./testing/scripted-runtime.js";

const ORDER_SAY = "Create order for ada@example.com: 2 × Product-A";
const script: Script = {
  [ORDER_SAY]: {
    agent: "FlowDirector",
    calls: [{ tool: "place_order_for_eval", args: { user_email: "ada@example.com", sku: "Product-A", quantity: 2 } }],
    usage: { prompt_tokens: 12, completion_tokens: 5, cost_usd: 0.25 },
  },
  "Create order for ghost@example.com: 1 × Product-A": {
    agent: "FlowDirector",
    calls: [{ tool: "place_order_for_eval", args: { user_email: "ghost@example.com", sku: "Product-A", quantity: 1 } }],
  },
  "Rollback workflow exec_1": { agent: "FlowDirector", calls: [{ tool: "rollback_for_eval", args: { execution_id: "exec_1" } }] },
  "Rollback workflow exec_404": { agent: "FlowDirector", calls: [{ tool: "rollback_for_eval", args: { execution_id: "exec_404" } }] },
  "Add a note": { agent: "Copilot", calls: [{ tool: "add_note_for_eval", args: {} }] },
  "Add two notes": {
    agent: "Copilot",
    calls: [
      { tool: "add_note_for_eval", args: { content: "first" } },
      { tool: "add_note_for_eval", args: {} },
    ],
  },
  "Add note: call ACME": { agent: "Copilot", calls: [{ tool: "add_note_for_eval", args: { content: "call ACME" } }] },
  "Show my projects": { agent: "Copilot", calls: [{ tool: "list_projects_for_eval", args: {} }] },
  "Run the build": { agent: "CICDAssistant", calls: [{ tool: "start_build_for_eval", args: { pipeline_id: "pl_web", delay_ms: 150 } }] },
  "Explode": { agent: "Copilot", throws: "the model is on fire" },
};

async function run(cases: string, options: Partial<DriveOptions> = {}): Promise<CaseRun> {
  const [c] = parseSuite(`suite: t\ncases:\n  - id: c\n${cases}`, "t.yaml").cases;
  return runCase(c!, { createRuntime: scriptedRuntime(fixtureTools, script), ...options });
}

const ORDER_GIVEN = `    given:
      User:
        - { id: usr_ada, email: ada@example.com, full_name: Ada Lovelace, role: customer }
      Product:
        - { id: prd_a, sku: Product-A, name: Product A, price: 49, stock: 10 }
`;

describe("a case that meets its expectations", () => {
  it("passes, with the agents, usage and transcript of its turns", async () => {
    const result = await run(`${ORDER_GIVEN}    turns:
      - say: "${ORDER_SAY}"
        expect: { agent: FlowDirector, approval: false, reply_contains: ["98", "paid"], reply_not_contains: ["failed"], reply_matches: ["order \\\\S+ is paid"] }
    expect_state:
      - entity: Order
        where: { user_id: usr_ada }
        count: 1
        fields: { status: paid, total_amount: 98.0, items: { $contains: { sku: Product-A, quantity: 2 } } }
      - { entity: Payment, count: 1, fields: { amount: 98, status: succeeded } }
      - { entity: Product, where: { sku: Product-A }, fields: { stock: 8 } }
      - { entity: AuditLog, count: { $gte: 1 } }
      - { entity: Coupon, count: 0 }
`);
    expect(result.failures).toEqual([]);
    expect(result.passed).toBe(true);
    expect(result.agents).toEqual(["FlowDirector"]);
    expect(result.usage).toEqual({ prompt_tokens: 12, completion_tokens: 5, cost_usd: 0.25 });
    expect(result.transcript).toEqual([{ said: ORDER_SAY, reply: expect.stringContaining("$98.00"), status: "completed", agents: ["FlowDirector"] }]);
    expect(result.latencyMs).toBeGreaterThan(0);
  });
});

describe("failures say what was expected and what was found", () => {
  it("for the turn: agent, approval, reply", async () => {
    const result = await run(`${ORDER_GIVEN}    turns:
      - say: "${ORDER_SAY}"
        expect: { agent: Copilot, approval: true, reply_contains: ["88.2", "98"], reply_not_contains: ["paid"], reply_matches: ["refund"] }
`);
    expect(result.passed).toBe(false);
    expect(result.failures).toEqual([
      `turn 1 ("${ORDER_SAY}"): expected agent Copilot, found FlowDirector`,
      `turn 1 ("${ORDER_SAY}"): expected it to wait for approval, but the turn ended completed`,
      expect.stringMatching(/^turn 1 \(.*\): the reply should contain "88\.2"; should not contain "paid"; should match \/refund\/i — the reply was "Order ord_\w+ is paid: \$98\.00"$/),
    ]);
  });

  it("for the state: counts, fields, and the rows that were found", async () => {
    const result = await run(`${ORDER_GIVEN}    turns:
      - say: "${ORDER_SAY}"
    expect_state:
      - { entity: Order, where: { user_id: usr_ada }, count: 2 }
      - { entity: Order, fields: { total_amount: 88.2, status: paid } }
      - { entity: Order, where: { user_id: usr_bob } }
      - { entity: Coupon, where: { code: X } }
      - { entity: Payment, count: { $gte: 2 } }
`);
    expect(result.failures).toHaveLength(5);
    expect(result.failures[0]).toMatch(/^Order where \{"user_id":"usr_ada"\}: count expected 2, found 1; matching rows: \{"id":"ord_\w+","user_id":"usr_ada"\}$/);
    expect(result.failures[1]).toMatch(/^Order: fields of the matching row differ — ord_\w+: total_amount: expected 88\.2, found 98$/);
    expect(result.failures[2]).toMatch(/^Order where \{"user_id":"usr_bob"\}: expected at least one row, found none; none of its 1 rows match: \{"id":"ord_\w+","user_id":"usr_ada"\}$/);
    expect(result.failures[3]).toBe('Coupon where {"code":"X"}: expected at least one row, found none; the entity has no rows at all');
    expect(result.failures[4]).toMatch(/^Payment: count expected ≥ 2, found 1; matching rows: /);
  });

  it("for unchanged entities: rows added, changed or removed, updated_at included", async () => {
    const result = await run(`${ORDER_GIVEN.replace("stock: 10 }", "stock: 10, updated_at: now-1d }")}    turns:
      - say: "${ORDER_SAY}"
    unchanged: [Product, Order, User]
`);
    expect(result.failures).toEqual([
      "expected unchanged, but Product: changed prd_a (updated_at, stock)",
      expect.stringMatching(/^expected unchanged, but Order: added ord_\w+$/),
    ]);
  });
});

describe("approvals", () => {
  const given = `${ORDER_GIVEN.replace("stock: 10 }", "stock: 10 }\n      WorkflowExecution:\n        - { id: exec_1, workflow_type: order_processing, status: completed }\n      Order:\n        - { id: ord_1, user_id: usr_ada, status: paid, total_amount: 49, workflow_execution_id: exec_1 }\n      Payment:\n        - { id: pay_1, order_id: ord_1, status: succeeded, amount: 49 }")}`;

  it("an approved action runs once on the same thread", async () => {
    const result = await run(`${given}    turns:
      - say: Rollback workflow exec_1
        expect: { agent: FlowDirector, approval: true, reply_contains: [exec_1] }
      - approve: true
        expect: { approval: false, reply_contains: ["Rolled back exec_1"] }
    expect_state:
      - { entity: WorkflowExecution, where: { id: exec_1 }, fields: { status: rolled_back } }
      - { entity: Payment, where: { id: pay_1 }, fields: { status: refunded } }
      - { entity: Order, where: { id: ord_1 }, fields: { status: { $in: [cancelled, refunded] } } }
      - { entity: Thread, count: 1 }
      - { entity: PendingApproval, count: 1, fields: { status: consumed } }
`);
    expect(result.failures).toEqual([]);
    expect(result.transcript.map((t) => [t.said, t.status])).toEqual([
      ["Rollback workflow exec_1", "awaiting_approval"],
      ["(approves)", "completed"],
    ]);
  });

  it("a rejected action changes nothing", async () => {
    const result = await run(`${given}    turns:
      - say: Rollback workflow exec_1
        expect: { approval: true }
      - approve: false
        expect: { approval: false }
    unchanged: [WorkflowExecution, Order, Payment, Product]
`);
    expect(result.failures).toEqual([]);
  });

  it("an approve turn with nothing pending fails the case and stops it", async () => {
    const result = await run(`${given}    turns:
      - say: Rollback workflow exec_404
        expect: { approval: true }
      - approve: true
      - say: Show my projects
    expect_state:
      - { entity: Order, count: 99 }
`);
    expect(result.failures).toEqual([
      expect.stringMatching(/^turn 1 \("Rollback workflow exec_404"\): expected it to wait for approval, but the turn ended completed$/),
      "turn 2 (approve: true): nothing is waiting for approval, so there is nothing to answer",
    ]);
    expect(result.transcript).toHaveLength(1);
  });

  it("an approve turn as the first turn fails the case", async () => {
    const result = await run(`    turns:\n      - approve: true\n`);
    expect(result.failures).toEqual(["turn 1 (approve: true): nothing is waiting for approval, so there is nothing to answer"]);
  });
});

describe("asks", () => {
  it("passes when the turn asks and nothing of the business changed", async () => {
    const result = await run(`    turns:
      - say: Add a note
        expect: { asks: true, agent: Copilot, reply_contains: ["what should the note say"] }
    expect_state:
      - { entity: Note, count: 0 }
`);
    expect(result.failures).toEqual([]);
  });

  it("fails when the turn wrote something before asking, or did not ask", async () => {
    const wrote = await run(`    turns:
      - say: Add two notes
        expect: { asks: true }
`);
    expect(wrote.failures).toEqual([expect.stringMatching(/^turn 1 \("Add two notes"\): expected nothing to change while it asks, but Note: added note_\w+$/)]);
    const answered = await run(`    turns:
      - say: "Add note: call ACME"
        expect: { asks: true }
      - say: Add a note
        expect: { asks: false }
`);
    expect(answered.failures).toEqual([
      'turn 1 ("Add note: call ACME"): expected it to ask for what it needs, but the turn ended completed',
      expect.stringMatching(/^turn 1 \("Add note: call ACME"\): expected nothing to change while it asks, but Note: added note_\w+$/),
      'turn 2 ("Add a note"): expected no question back, but it asked',
    ]);
  });
});

describe("the world of a case", () => {
  it("holds rows in other workspaces, gives owner-less rows to the actor, and checks across workspaces", async () => {
    const result = await run(`    given:
      Project:
        - { name: Apollo, type: engineering }
        - { name: Zephyr, type: engineering, owner_id: usr_actor, workspace_id: ws_other }
        - { name: Orphan, owner_id: null }
      Note:
        - { content: "hello" }
    turns:
      - say: Show my projects
        expect: { reply_contains: [Apollo], reply_not_contains: [Zephyr, Orphan] }
    expect_state:
      - { entity: Project, count: 3 }
      - { entity: Project, where: { workspace_id: ws_other }, count: 1, fields: { name: Zephyr } }
      - { entity: Project, where: { name: Apollo }, fields: { owner_id: usr_actor, workspace_id: ws_default } }
      - { entity: Project, where: { name: Orphan }, fields: { owner_id: null } }
      - { entity: Note, fields: { owner_id: usr_actor } }
      - { entity: User, count: 1, fields: { id: usr_actor, email: actor@example.com, role: admin, full_name: Actor } }
      - { entity: Workspace, count: 2 }
`);
    expect(result.failures).toEqual([]);
  });

  it("creates a workspace a Workspace row gives, with its fields", async () => {
    const result = await run(`    given:
      Workspace:
        - { id: ws_acme, name: Acme Corp }
      Project:
        - { name: Acme Site, workspace_id: ws_acme }
    turns:
      - say: Show my projects
        expect: { reply_not_contains: [Acme Site] }
    expect_state:
      - { entity: Workspace, where: { id: ws_acme }, count: 1, fields: { name: Acme Corp } }
      - { entity: Project, fields: { workspace_id: ws_acme, owner_id: usr_actor } }
`);
    expect(result.failures).toEqual([]);
  });

  it("lets a case name its actor, whose rows the owner-less ones become", async () => {
    const result = await run(`    actor: usr_mia
    given:
      User:
        - { id: usr_mia, email: mia@example.com, full_name: Mia, role: member }
      Project:
        - { name: Mine }
        - { name: Theirs, owner_id: usr_other }
    turns:
      - say: Show my projects
        expect: { reply_contains: [Mine], reply_not_contains: [Theirs] }
    expect_state:
      - { entity: User, count: 1 }
      - { entity: Project, where: { name: Mine }, fields: { owner_id: usr_mia } }
`);
    expect(result.failures).toEqual([]);
  });

  it("stores ids and times as given, and the clock is the case's", async () => {
    const result = await run(`    now: 2026-05-01T12:00:00Z
    given:
      Order:
        - { $times: 3, id: "ord_{{i}}", user_id: u, total_amount: "{{10 * (i + 1)}}", created_at: "now-{{i}}d", updated_at: "2026-01-01T00:00:00Z" }
    turns:
      - say: "Add note: call ACME"
    expect_state:
      - { entity: Order, where: { id: ord_2 }, fields: { total_amount: 30, created_at: now-2d, updated_at: "2026-01-01T00:00:00.000Z" } }
      - { entity: Order, where: { created_at: { $gte: now-1d } }, count: 2 }
      - { entity: Note, fields: { created_at: "2026-05-01T12:00:00Z", id: { $regex: "^note_[0-9a-z]{16}$" } } }
`);
    expect(result.failures).toEqual([]);
  });

  it("waits for background work before it checks the state", async () => {
    const given = `    given:\n      PipelineConfig:\n        - { id: pl_web, name: web }\n    turns:\n      - say: Run the build\n    expect_state:\n      - { entity: PipelineRun, count: 1, fields: { status: success } }\n`;
    expect((await run(given)).failures).toEqual([]);
    const impatient = await run(given, { settleTimeoutMs: 10 });
    expect(impatient.failures).toEqual([
      "background work (runs, deliveries) was still going after 0.01 s",
      expect.stringMatching(/^PipelineRun: fields of the matching row differ — run_\w+: status: expected "success", found "running"$/),
    ]);
  });

  it("refuses rows the database refuses, as a suite error naming the row", async () => {
    await expect(
      run(`    given:\n      Product:\n        - { sku: A, price: 1 }\n        - { sku: A, price: 2 }\n    turns: [{ say: hi }]\n`),
    ).rejects.toThrow(SuiteError);
    await expect(
      run(`    given:\n      Product:\n        - { sku: A, price: 1 }\n        - { sku: A, price: 2 }\n    turns: [{ say: hi }]\n`),
    ).rejects.toThrow(/t\.yaml: case c: given\.Product\[1\]: Product row cannot be stored: another row already has this/);
  });
});

describe("a runtime that misbehaves fails the case, not the harness", () => {
  it("when it cannot start", async () => {
    const broken: RuntimeFactory = async () => {
      throw new Error("the conversational runtime is being built");
    };
    const result = await run(`    turns: [{ say: hi }]\n    expect_state: [{ entity: Order, count: 1 }]\n`, { createRuntime: broken });
    expect(result).toMatchObject({ passed: false, failures: ["the runtime could not start: the conversational runtime is being built"] });
  });

  it("when a turn throws: the case stops there", async () => {
    const result = await run(`    turns:\n      - say: Explode\n      - say: Show my projects\n    expect_state: [{ entity: Order, count: 1 }]\n`);
    expect(result.failures).toEqual(['turn 1 ("Explode"): the runtime failed: the model is on fire']);
  });

  it("when a turn never ends", async () => {
    const hanging: RuntimeFactory = async () =>
      ({
        core: undefined as never,
        async *chat(input): AsyncIterable<RuntimeEvent> {
          await new Promise((resolve) => input.signal?.addEventListener("abort", resolve));
          yield { type: "done", thread_id: "thr_1", status: "completed" };
        },
        approve: () => {
          throw new Error("unused");
        },
        orchestrate: () => {
          throw new Error("unused");
        },
        settle: async () => true,
        close: async () => {},
      }) satisfies Runtime;
    const result = await run(`    turns: [{ say: hi }]\n`, { createRuntime: hanging, turnTimeoutMs: 30 });
    expect(result.failures).toEqual(['turn 1 ("hi"): the runtime failed: no answer within 0.03 s']);
  });

  it("a declined turn is just a turn: its expectations decide", async () => {
    const result = await run(`    turns:\n      - say: "What's the weather in Paris?"\n        expect: { approval: false, reply_matches: ["can't"] }\n    unchanged: [User]\n`);
    expect(result.failures).toEqual([]);
    expect(result.transcript[0]!.status).toBe("declined");
  });
});
