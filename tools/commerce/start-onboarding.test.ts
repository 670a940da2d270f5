import { afterEach, describe, expect, it } from "vitest";
import { createTestKit, type TestKit } from "../testing.js";
import { okOutput, okReply, snapshot } from "./fixtures.js";

let kit: TestKit;
afterEach(() => kit?.close());

describe("start_onboarding", () => {
  it("invites a new user on the plan, opens the checklist and drafts the welcome email, in one execution", async () => {
    kit = await createTestKit();
    const out = await kit.call("start_onboarding", { email: "Jordan@Example.com", plan: "Starter" });
    expect(okReply(out)).toMatch(/^Onboarding started for jordan@example\.com: new user jordan@example\.com invited on the Starter plan\./);
    const user = await kit.store.findOne("User", { email: "jordan@example.com" });
    expect(user).toMatchObject({ plan: "starter", status: "invited", role: "member", full_name: "Jordan" });

    const [execution] = await kit.store.find("WorkflowExecution");
    expect(execution).toMatchObject({ workflow_type: "user_onboarding", status: "completed" });
    expect(execution!.steps.map((s) => s.status)).toEqual(["completed", "completed", "completed"]);

    const tasks = await kit.store.find("Task", { workflow_type: "user_onboarding" }, { orderBy: "due_at" });
    expect(tasks.map((t) => t.current_step)).toEqual(["confirm_email", "complete_profile", "first_project"]);
    for (const t of tasks) expect(t).toMatchObject({ source: "workflow", related_id: execution!.id, status: "open", assignee_id: user!.id });
    expect(tasks[0]!.due_at).toBe("2026-03-12T09:00:00.000Z");

    const [draft] = await kit.store.find("Draft");
    expect(draft).toMatchObject({ tool_type: "email", status: "draft", owner_id: "usr_actor", form_data: { to: "jordan@example.com" } });
    expect(String(draft!.form_data.content)).toMatch(/Starter plan[\s\S]*- Confirm email address/);
  });

  it("keeps an existing user (same id, no duplicate) and moves them to the plan", async () => {
    kit = await createTestKit();
    await kit.store.insert("User", { id: "usr_j", email: "jordan@example.com", full_name: "Jordan Lee", role: "member", plan: null, status: "invited" });
    const out = await kit.call("start_onboarding", { email: "jordan@example.com", plan: "pro" });
    expect(okReply(out)).toMatch(/existing user usr_j, invited\) moved from no plan to the Pro plan/);
    expect(await kit.store.find("User", { email: "jordan@example.com" })).toEqual([
      expect.objectContaining({ id: "usr_j", plan: "pro", full_name: "Jordan Lee", status: "invited" }),
    ]);
    expect(await kit.store.count("Task", { workflow_type: "user_onboarding" })).toBe(4);
  });

  it("takes plans in any case or by alias, and refuses an unknown plan listing the valid ones", async () => {
    kit = await createTestKit();
    expect(okOutput(await kit.call("start_onboarding", { email: "a@example.com", plan: "ENTERPRISE" })).plan).toBe("enterprise");
    expect(okOutput(await kit.call("start_onboarding", { email: "b@example.com", plan: "professional" })).plan).toBe("pro");
    const before = await snapshot(kit);
    await expect(kit.call("start_onboarding", { email: "c@example.com" })).rejects.toMatchObject({ code: "VALIDATION", details: { field: "plan" } });
    await expect(kit.call("start_onboarding", { email: "d@example.com", plan: "Gold" })).rejects.toMatchObject({
      code: "VALIDATION",
      details: { field: "plan" },
      message: expect.stringMatching(/Unknown plan "gold": choose starter, pro, enterprise/),
    });
    expect(await snapshot(kit)).toEqual(before);
  });

  it("lets only an admin onboard an admin", async () => {
    kit = await createTestKit();
    const member = await kit.userWithRole("member");
    await expect(kit.call("start_onboarding", { email: "boss@example.com", plan: "pro", role: "admin" }, { actor: member })).rejects.toMatchObject({
      code: "FORBIDDEN",
      details: { field: "role" },
    });
    expect(await kit.store.count("WorkflowExecution")).toBe(0);
    expect(okOutput(await kit.call("start_onboarding", { email: "boss@example.com", plan: "pro", role: "admin" })).role).toBe("admin");
  });

  it("runs once per key: a replay creates no second checklist", async () => {
    kit = await createTestKit();
    const first = await kit.call("start_onboarding", { email: "kim@example.com", plan: "pro" }, { idempotencyKey: "thr_9:call_2" });
    const again = await kit.call("start_onboarding", { email: "kim@example.com", plan: "pro" }, { idempotencyKey: "thr_9:call_2" });
    expect(okOutput(again)).toEqual(okOutput(first));
    expect(await kit.store.count("Task")).toBe(4);
    expect(await kit.store.count("Draft")).toBe(1);
  });
});
