import { afterEach, describe, expect, it } from "vitest";
import type { Actor } from "../../define.js";
import type { TestKit } from "../../testing.js";
import { ok, productivityKit } from "../test-support.js";

let kit: TestKit;
let member: Actor;
afterEach(() => kit?.close());

async function setup() {
  kit = await productivityKit();
  member = await kit.userWithRole("member", "usr_kim");
  await kit.store.insert("Task", { id: "tsk_a", title: "Review forecast", assignee_id: "usr_actor", priority: "low" });
  await kit.store.insert("Task", { id: "tsk_b", title: "Send welcome pack", assignee_id: "usr_actor", priority: "high", due_at: "2026-03-12T09:00:00Z" });
  await kit.store.insert("Task", { id: "tsk_c", title: "Old chore", assignee_id: "usr_actor", status: "done" });
  await kit.store.insert("Task", { id: "tsk_k", title: "Onboarding call", assignee_id: "usr_kim", source: "workflow" });
  await kit.store.insert("Task", { id: "tsk_u", title: "Rotate staging secret", source: "audit" });
}

describe("list_tasks", () => {
  it("lists the speaker's unfinished tasks, most urgent first", async () => {
    await setup();
    const { output, reply } = ok(await kit.call("list_tasks", {}));
    expect(output.tasks.map((t: { id: string }) => t.id)).toEqual(["tsk_b", "tsk_a"]);
    expect(reply).toBe(
      'Your open tasks (2):\n- [open] "Send welcome pack" (high priority, due 2026-03-12 09:00 UTC) [tsk_b]\n- [open] "Review forecast" (low priority) [tsk_a]',
    );
    expect(ok(await kit.call("list_tasks", { status: "done" })).output.tasks.map((t: { id: string }) => t.id)).toEqual(["tsk_c"]);
    await kit.store.update("Task", "tsk_a", { status: "in_progress" });
    const ongoing = ok(await kit.call("list_tasks", { status: "ongoing" }));
    expect(ongoing.reply).toBe('Your ongoing tasks (1):\n- [in progress] "Review forecast" (low priority) [tsk_a]');
  });

  it("shows everyone's open tasks to an admin only", async () => {
    await setup();
    const all = ok(await kit.call("list_tasks", { scope: "everyone" }));
    expect(all.output.tasks.map((t: { id: string }) => t.id).sort()).toEqual(["tsk_a", "tsk_b", "tsk_k", "tsk_u"]);
    expect(all.reply).toContain('"Onboarding call" (assigned to member) [tsk_k]');
    expect(all.reply).toContain('"Rotate staging secret" (unassigned)');
    await expect(kit.call("list_tasks", { scope: "everyone" }, { actor: member })).rejects.toMatchObject({ code: "FORBIDDEN" });
    expect(ok(await kit.call("list_tasks", {}, { actor: member })).output.tasks.map((t: { id: string }) => t.id)).toEqual(["tsk_k"]);
  });
});

describe("complete_task", () => {
  it("marks the speaker's task done by title, once", async () => {
    await setup();
    const { reply } = ok(await kit.call("complete_task", { task: "welcome pack" }));
    expect(reply).toBe('Marked task "Send welcome pack" done.');
    expect(await kit.store.require("Task", "tsk_b")).toMatchObject({ status: "done", completed_at: "2026-03-10T09:00:00.000Z" });
    await expect(kit.call("complete_task", { task: "tsk_b" })).rejects.toMatchObject({ code: "CONFLICT" });
    ok(await kit.call("complete_task", { task: "Review forecast as done" }));
    expect((await kit.store.require("Task", "tsk_a")).status).toBe("done");
  });

  it("lets a member complete only tasks assigned to them", async () => {
    await setup();
    await expect(kit.call("complete_task", { task: "tsk_a" }, { actor: member })).rejects.toMatchObject({ code: "NOT_FOUND" });
    ok(await kit.call("complete_task", { task: "Onboarding call" }, { actor: member }));
    expect((await kit.store.require("Task", "tsk_a")).status).toBe("open");
    expect((await kit.store.require("Task", "tsk_k")).status).toBe("done");
  });
});

describe("assign_task", () => {
  it("assigns a task to a person by email or id", async () => {
    await setup();
    const { reply } = ok(await kit.call("assign_task", { task: "Rotate staging secret", assignee: "USR_KIM@example.com" }));
    expect(reply).toBe('Assigned task "Rotate staging secret" to member (usr_kim@example.com).');
    expect((await kit.store.require("Task", "tsk_u")).assignee_id).toBe("usr_kim");
    ok(await kit.call("assign_task", { task: "tsk_u", assignee: "usr_actor" }));
    expect((await kit.store.require("Task", "tsk_u")).assignee_id).toBe("usr_actor");
  });

  it("refuses an unknown person, a finished task, and a member's reach beyond their own tasks", async () => {
    await setup();
    await expect(kit.call("assign_task", { task: "tsk_a", assignee: "ghost@example.com" })).rejects.toMatchObject({
      code: "NOT_FOUND",
      message: "No user ghost@example.com in this workspace",
    });
    await expect(kit.call("assign_task", { task: "tsk_c", assignee: "usr_kim" })).rejects.toMatchObject({ code: "CONFLICT" });
    await expect(kit.call("assign_task", { task: "tsk_a", assignee: "usr_kim" }, { actor: member })).rejects.toMatchObject({ code: "NOT_FOUND" });
    ok(await kit.call("assign_task", { task: "tsk_k", assignee: "actor@example.com" }, { actor: member }));
    expect((await kit.store.require("Task", "tsk_k")).assignee_id).toBe("usr_actor");
  });
});
