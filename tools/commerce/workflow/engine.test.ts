import { z } from "zod";
import { afterEach, describe, expect, it } from "vitest";
import { ToolError } from "../../errors.js";
import { createTestKit, type TestKit } from "../../testing.js";
import { startWorkflow, resumeWorkflow } from "./engine.js";
import { recoverWorkflows } from "./recovery.js";
import { requestHash } from "./idempotency.js";
import { detachedRuntime } from "./runtime.js";
import { step, stepFailed, type AnyWorkflow, type StepDef, type StepRecord, type Workflow, type WorkflowRuntime, type WorkflowType } from "./types.js";

let kit: TestKit;
afterEach(() => kit?.close());

const Input = z.object({ fail_at: z.string().nullable(), refuse_undo: z.array(z.string()) });
type Input = z.infer<typeof Input>;

/**
 * A saga over Tasks: each step opens a task named after it; undoing it cancels the task.
 * `fail_at` makes a step throw, `refuse_undo` makes compensations throw; `log` records the
 * order in which actions and compensations ran.
 */
function sagaOf(names: string[], log: string[], options: { keepOnFailure?: boolean } = {}): Workflow<Input> {
  const defs: StepDef<Input, unknown>[] = names.map((name) =>
    step<Input>({
      name,
      async run(store, ctx) {
        log.push(`do ${name}`);
        const task = await store.insert("Task", { title: name, source: "workflow", related_id: ctx.execution.id });
        if (ctx.input.fail_at === name) {
          if (options.keepOnFailure) return stepFailed("CONFLICT", `${name} said no`, { task_id: task.id });
          throw new ToolError("CONFLICT", `${name} said no`);
        }
        return { task_id: task.id };
      },
      compensate: {
        async run(store, ctx, result) {
          log.push(`undo ${name}`);
          if (ctx.input.refuse_undo.includes(name)) throw new Error(`cannot undo ${name}`);
          await store.update("Task", String(result.task_id), { status: "cancelled" });
        },
      },
    }),
  );
  return {
    type: "test_saga" as WorkflowType,
    input: Input,
    reads: ["Task", "WorkflowExecution"],
    writes: ["Task", "WorkflowExecution", "AuditLog"],
    steps: () => defs,
    output: async (_store, ctx) => ({ tasks: Object.values(ctx.results).map((r) => r.task_id) }),
  };
}

function runtime(workflow: Workflow<Input>): WorkflowRuntime {
  return detachedRuntime(kit.deps, "ws_default", "usr_actor", workflow as unknown as AnyWorkflow);
}

const start = (rt: WorkflowRuntime, wf: Workflow<Input>, input: Input, key = "key-1") =>
  startWorkflow(rt, wf, { key, hash: requestHash(wf.type, input), prepare: async () => input });

const statuses = (steps: readonly { name: string; status: string }[]) => steps.map((s) => `${s.name}:${s.status}`);

describe("the workflow engine", () => {
  it("runs the steps in order and keeps each step's state and audit row", async () => {
    kit = await createTestKit();
    const log: string[] = [];
    const wf = sagaOf(["a", "b", "c"], log);
    const { execution, replayed } = await start(runtime(wf), wf, { fail_at: null, refuse_undo: [] });
    expect(replayed).toBe(false);
    expect(execution).toMatchObject({ status: "completed", actor_id: "usr_actor", output: { tasks: expect.any(Array) } });
    expect(log).toEqual(["do a", "do b", "do c"]);
    expect(statuses(execution.steps)).toEqual(["a:completed", "b:completed", "c:completed"]);
    for (const s of execution.steps as StepRecord[]) expect(s).toMatchObject({ attempts: 1, duration_ms: expect.any(Number), started_at: expect.any(String) });
    const audit = await kit.store.find("AuditLog", { entity_id: execution.id }, { orderBy: "created_at" });
    expect(audit.filter((a) => a.event_type === "workflow_step").map((a) => a.action).sort()).toEqual(["a", "b", "c"]);
  });

  it("on failure compensates the completed steps in reverse order; the failed step's own writes roll back", async () => {
    kit = await createTestKit();
    const log: string[] = [];
    const wf = sagaOf(["a", "b", "c", "d"], log);
    const { execution } = await start(runtime(wf), wf, { fail_at: "c", refuse_undo: [] });
    expect(log).toEqual(["do a", "do b", "do c", "undo b", "undo a"]);
    expect(execution).toMatchObject({ status: "failed", failed_step: "c", error: "c said no", error_code: "CONFLICT" });
    expect(statuses(execution.steps)).toEqual(["a:compensated", "b:compensated", "c:failed", "d:pending"]);
    expect((await kit.store.find("Task")).map((t) => `${t.title}:${t.status}`).sort()).toEqual(["a:cancelled", "b:cancelled"]);
  });

  it("a failure returned as a value keeps the step's writes", async () => {
    kit = await createTestKit();
    const wf = sagaOf(["a", "b"], [], { keepOnFailure: true });
    const { execution } = await start(runtime(wf), wf, { fail_at: "b", refuse_undo: [] });
    expect(execution).toMatchObject({ status: "failed", error_details: { task_id: expect.any(String) } });
    expect((await kit.store.find("Task")).map((t) => `${t.title}:${t.status}`).sort()).toEqual(["a:cancelled", "b:open"]);
  });

  it("a compensation that fails is recorded, the others still run, and a task asks a person to finish", async () => {
    kit = await createTestKit();
    const log: string[] = [];
    const wf = sagaOf(["a", "b", "c"], log);
    const { execution } = await start(runtime(wf), wf, { fail_at: "c", refuse_undo: ["b"] });
    expect(log).toEqual(["do a", "do b", "do c", "undo b", "undo a"]);
    expect(execution.status).toBe("compensation_failed");
    expect(statuses(execution.steps)).toEqual(["a:compensated", "b:compensation_failed", "c:failed"]);
    expect((execution.steps[1] as StepRecord).compensation_error).toEqual({ code: null, message: "cannot undo b" });
    const repair = await kit.store.findOne("Task", { source: "workflow", priority: "high" });
    expect(repair).toMatchObject({ related_id: execution.id, current_step: "b", description: expect.stringContaining("b: cannot undo b") });
  });

  it("answers a reused key with the first execution, and refuses it for another request", async () => {
    kit = await createTestKit();
    const log: string[] = [];
    const wf = sagaOf(["a"], log);
    const rt = runtime(wf);
    const first = await start(rt, wf, { fail_at: null, refuse_undo: [] });
    const again = await start(rt, wf, { fail_at: null, refuse_undo: [] });
    expect(again).toEqual({ execution: first.execution, replayed: true });
    expect(log).toEqual(["do a"]);
    await expect(start(rt, wf, { fail_at: "a", refuse_undo: [] })).rejects.toMatchObject({ code: "CONFLICT", details: { field: "idempotency_key" } });
  });

  it("refuses a key whose execution is still running", async () => {
    kit = await createTestKit();
    const wf = sagaOf(["a"], []);
    const input = { fail_at: null, refuse_undo: [] };
    await kit.store.insert("WorkflowExecution", { workflow_type: wf.type, status: "running", idempotency_key: "busy", input_hash: requestHash(wf.type, input), input });
    await expect(start(runtime(wf), wf, input, "busy")).rejects.toMatchObject({ code: "CONFLICT", message: expect.stringMatching(/still being processed/) });
  });
});

describe("resuming after a crash", () => {
  async function interrupted(wf: AnyWorkflow, steps: StepRecord[], input: Input, workspace = "ws_default") {
    const store = workspace === "ws_default" ? kit.store : await kit.storeOf(workspace);
    return store.insert("WorkflowExecution", { workflow_type: wf.type, status: "running", steps, input, idempotency_key: `crash-${workspace}`, actor_id: "usr_actor" });
  }

  it("goes on from the interrupted step without repeating the completed ones", async () => {
    kit = await createTestKit();
    const log: string[] = [];
    const wf = sagaOf(["a", "b", "c"], log);
    const a = await kit.store.insert("Task", { title: "a" });
    const crashed = await interrupted(wf as unknown as AnyWorkflow, [
      { name: "a", status: "completed", result: { task_id: a.id }, attempts: 1 },
      { name: "b", status: "running", attempts: 1 },
      { name: "c", status: "pending" },
    ], { fail_at: null, refuse_undo: [] });
    const done = await resumeWorkflow(runtime(wf), wf, crashed);
    expect(log).toEqual(["do b", "do c"]);
    expect(done.status).toBe("completed");
    expect((done.steps as StepRecord[]).map((s) => s.attempts)).toEqual([1, 2, 1]);
    expect(await kit.store.findOne("AuditLog", { entity_id: crashed.id, status: "resumed" })).toMatchObject({
      details: { interrupted_at: "b", interrupted_status: "running" },
    });
  });

  it("goes on with a compensation the crash interrupted", async () => {
    kit = await createTestKit();
    const log: string[] = [];
    const wf = sagaOf(["a", "b", "c"], log);
    const a = await kit.store.insert("Task", { title: "a" });
    const crashed = await interrupted(wf as unknown as AnyWorkflow, [
      { name: "a", status: "completed", result: { task_id: a.id } },
      { name: "b", status: "compensated", result: { task_id: "tsk_gone" } },
      { name: "c", status: "failed", error: { code: "CONFLICT", message: "c said no" } },
    ], { fail_at: "c", refuse_undo: [] });
    const done = await resumeWorkflow(runtime(wf), wf, crashed);
    expect(log).toEqual(["undo a"]);
    expect(done).toMatchObject({ status: "failed", failed_step: "c", error: "c said no" });
    expect((await kit.store.require("Task", a.id)).status).toBe("cancelled");
  });

  it("recovers every workspace's running executions at start, and never drops one it cannot drive", async () => {
    kit = await createTestKit();
    const log: string[] = [];
    const wf = sagaOf(["a", "b"], log) as unknown as AnyWorkflow;
    const input = { fail_at: null, refuse_undo: [] };
    const here = await interrupted(wf, [{ name: "a", status: "running" }, { name: "b", status: "pending" }], input);
    const there = await interrupted(wf, [{ name: "a", status: "pending" }, { name: "b", status: "pending" }], input, "ws_other");
    const stranger = await kit.store.insert("WorkflowExecution", { workflow_type: "retired_flow", status: "running", idempotency_key: "old" });
    const reshaped = await kit.store.insert("WorkflowExecution", {
      workflow_type: wf.type,
      status: "running",
      steps: [{ name: "a", status: "completed" }, { name: "renamed", status: "running" }],
      input,
      idempotency_key: "reshaped",
    });
    const finished = await kit.store.insert("WorkflowExecution", { workflow_type: wf.type, status: "completed", idempotency_key: "done" });

    const recovered = await recoverWorkflows(kit.deps, [wf]);
    expect(recovered.map((e) => [e.id, e.status]).sort()).toEqual(
      [
        [here.id, "completed"],
        [there.id, "completed"],
        [stranger.id, "compensation_failed"],
        [reshaped.id, "compensation_failed"],
      ].sort(),
    );
    expect((await kit.store.require("WorkflowExecution", reshaped.id)).error).toMatch(/steps \[a, renamed\] are not the ones/);
    expect(await kit.store.count("Task", { related_id: reshaped.id, priority: "high" })).toBe(1);
    expect(log).toEqual(["do a", "do b", "do a", "do b"]);
    expect(await (await kit.storeOf("ws_other")).count("Task", { related_id: there.id })).toBe(2);
    expect(await kit.store.findOne("Task", { related_id: stranger.id })).toMatchObject({ priority: "high", title: expect.stringContaining("by hand") });
    expect((await kit.store.require("WorkflowExecution", finished.id)).status).toBe("completed");
  });
});
