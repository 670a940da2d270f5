import { spawnSync } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { fixedClock } from "../entities/clock.js";
import type { Db } from "../entities/db.js";
import { openTestDb } from "../entities/scratch.js";
import { seededIds } from "../entities/ids.js";
import { ensureWorkspace } from "../entities/workspace.js";
import { storeFor } from "../tools/door.js";
import { createRegistry } from "../tools/registry.js";
import { createRuntime } from "./runtime.js";
import { CRASH_TOOLS, SECRET } from "./testing/crash-child.js";
import { collectTurn, type Runtime } from "./types.js";

const speaker = { workspaceId: "ws_default", actorId: "usr_actor" };
let open: { runtime: Runtime; db: Db }[] = [];
afterEach(async () => {
  for (const o of open) {
    await o.runtime.close();
    await o.db.close();
  }
  open = [];
});

async function start(file = ":memory:", seed = 1) {
  const db = await openTestDb({ file: file === ":memory:" ? undefined : file });
  await ensureWorkspace(db.kysely, "ws_default");
  await ensureWorkspace(db.kysely, "ws_other");
  const runtime = await createRuntime({
    db,
    secretKey: SECRET,
    clock: fixedClock("2026-03-10T09:00:00Z"),
    ids: seededIds(seed),
    registry: createRegistry(CRASH_TOOLS),
    provider: "local",
  });
  const store = storeFor(runtime.core, "ws_default");
  if (!(await store.get("User", "usr_actor"))) await store.insert("User", { id: "usr_actor", email: "actor@example.com", role: "admin" });
  open.push({ runtime, db });
  return { runtime, db, store };
}

const say = (runtime: Runtime, text: string, threadId?: string) => collectTurn(runtime.chat({ speaker, text, threadId }));

describe("the conversational runtime", () => {
  it("turns a command into a tool call and answers from the tool's reply, streaming tokens", async () => {
    const { runtime, store } = await start();
    const turn = await say(runtime, "Add note: Call ACME Friday 9am");
    expect(turn.status).toBe("completed");
    expect(turn.agents).toEqual(["Copilot"]);
    expect(turn.toolCalls).toEqual([{ tool: "add_note", args: { content: "Call ACME", remind_at: "2026-03-13T09:00:00.000Z" }, status: "ok" }]);
    expect(turn.reply).toContain("Call ACME");
    expect(turn.events.filter((e) => e.type === "token").length).toBeGreaterThan(1);
    expect(turn.events.at(-1)).toEqual({ type: "done", thread_id: turn.threadId, status: "completed" });
    expect(await store.count("Note")).toBe(1);
  });

  it("declines what no agent serves, calling nothing", async () => {
    const { runtime, store } = await start();
    const turn = await say(runtime, "What's the weather in Paris tomorrow?");
    expect(turn.status).toBe("declined");
    expect(turn.toolCalls).toEqual([]);
    expect(turn.reply).toMatch(/can't help/);
    expect(await store.count("Note")).toBe(0);
  });

  it("asks for a missing argument and merges the answer into the pending call", async () => {
    const { runtime, store } = await start();
    const first = await say(runtime, "Create a project");
    expect(first.status).toBe("clarification");
    expect(await store.count("Project")).toBe(0);
    const second = await say(runtime, "Apollo", first.threadId);
    expect(second.toolCalls).toEqual([{ tool: "create_project", args: { name: "Apollo" }, status: "ok" }]);
    expect((await store.find("Project")).map((p) => p.name)).toEqual(["Apollo"]);
  });

  it("carries out a command that needs two tools, in order", async () => {
    const { runtime, store } = await start();
    const turn = await say(runtime, "Create a project called Zephyr, then add note: kick-off on Monday");
    expect(turn.toolCalls.map((c) => c.tool)).toEqual(["create_project", "add_note"]);
    expect(await store.count("Project")).toBe(1);
    expect((await store.find("Note"))[0]!.content).toContain("kick-off");
  });

  it("holds a destructive call for approval and runs it exactly once when approved", async () => {
    const { runtime, store } = await start();
    await store.insert("Project", { name: "Apollo", owner_id: "usr_actor" });
    const asked = await say(runtime, "Archive project Apollo");
    expect(asked.status).toBe("awaiting_approval");
    expect(asked.approval).toMatchObject({ tool: "archive_project", args: { name: "Apollo" } });
    expect((await store.findOne("Project", { name: "Apollo" }))!.status).toBe("active");
    const done = await collectTurn(runtime.approve({ speaker, threadId: asked.threadId, approve: true }));
    expect(done.status).toBe("completed");
    expect(done.reply).toContain("Archived project Apollo");
    expect((await store.findOne("Project", { name: "Apollo" }))!.status).toBe("archived");
    const again = await collectTurn(runtime.approve({ speaker, threadId: asked.threadId, approve: true }));
    expect(again.status).toBe("error");
    expect(await store.count("AuditLog", { action: "archive_project", status: "success" })).toBe(1);
  });

  it("changes nothing when the approval is rejected", async () => {
    const { runtime, store } = await start();
    await store.insert("Project", { name: "Apollo", owner_id: "usr_actor" });
    const asked = await say(runtime, "Archive project Apollo");
    const done = await collectTurn(runtime.approve({ speaker, threadId: asked.threadId, approve: false }));
    expect(done.status).toBe("completed");
    expect(done.reply).toMatch(/did not/);
    expect((await store.findOne("Project", { name: "Apollo" }))!.status).toBe("active");
    expect((await store.find("PendingApproval")).map((a) => a.status)).toEqual(["rejected"]);
  });

  it("keeps a follow-up with the thread's agent and tool", async () => {
    const { runtime, store } = await start();
    await store.insert("PipelineRun", { pipeline_id: "pl", number: 58, status: "success" });
    await store.insert("PipelineRun", { pipeline_id: "pl", number: 57, status: "failed" });
    const first = await say(runtime, "What's the status of build #58?");
    const follow = await say(runtime, "And #57?", first.threadId);
    expect(follow.agents).toEqual(["CICDAssistant"]);
    expect(follow.reply).toContain("failed");
  });

  it("does not let another workspace use a thread", async () => {
    const { runtime, store } = await start();
    const first = await say(runtime, "Add note: hello");
    const other = storeFor(runtime.core, "ws_other");
    await other.insert("User", { id: "usr_x", email: "x@example.com", role: "admin" });
    const turn = await collectTurn(runtime.chat({ speaker: { workspaceId: "ws_other", actorId: "usr_x" }, text: "Add note: sneaky", threadId: first.threadId }));
    expect(turn.status).toBe("error");
    expect(turn.reply).toMatch(/not found/);
    expect(await store.count("Note")).toBe(1);
    expect(await other.count("Note")).toBe(0);
  });

  it("survives a restart mid-thread: a question asked before is answered after", async () => {
    const file = join(mkdtempSync(join(tmpdir(), "ff-rt-")), "t.db");
    const a = await start(file, 1);
    const first = await say(a.runtime, "Create a project");
    await a.runtime.close();
    await a.db.close();
    open = [];
    const b = await start(file, 2);
    const second = await say(b.runtime, "Apollo", first.threadId);
    expect(second.toolCalls.map((c) => c.tool)).toEqual(["create_project"]);
    expect(await b.store.count("Project")).toBe(1);
  });

  it("runs a tool exactly once when the process dies between its commit and the checkpoint", async () => {
    const file = join(mkdtempSync(join(tmpdir(), "ff-crash-")), "t.db");
    const child = spawnSync(process.execPath, ["--import", "tsx", join(import.meta.dirname, "testing/crash-child.ts"), file, "Record deal: ACME renewal"], {
      env: { ...process.env, FF_CRASH_AFTER_COMMIT: "1" },
      encoding: "utf8",
      timeout: 60_000,
    });
    expect(child.signal).toBe("SIGKILL");
    const { runtime, store } = await start(file, 9);
    expect(await store.count("Note")).toBe(1);
    const [thread] = await store.find("Thread");
    expect(thread!.status).toBe("idle");
    const history = await runtime.core.db.kysely.selectFrom("notes").selectAll().execute();
    expect(history).toHaveLength(1);
    const next = await say(runtime, "Add note: after the crash", thread!.id);
    expect(next.status).toBe("completed");
    expect(await store.count("Note")).toBe(2);
  });
});
