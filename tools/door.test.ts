import { z } from "zod";
import { afterEach, describe, expect, it } from "vitest";
import { defineTool, type AnyTool } from "./define.js";
import { ToolError } from "./errors.js";
import { createTestKit, type TestKit } from "./testing.js";

const addProject = defineTool({
  name: "add_project_for_test",
  description: "Create a project",
  domain: "productivity",
  input: z.object({ name: z.string().min(1) }),
  output: z.object({ id: z.string(), name: z.string() }),
  effect: "write",
  roles: ["admin", "member", "customer"],
  writes: ["Project"],
  examples: ["Create a project called X"],
  run: async (input, ctx) => {
    const p = await ctx.store.insert("Project", { name: input.name, owner_id: ctx.actor.id });
    return { id: p.id, name: p.name };
  },
  reply: (o) => `Created ${o.name}`,
});

const archiveProject = defineTool({
  name: "archive_project_for_test",
  description: "Archive a project",
  domain: "productivity",
  input: z.object({ id: z.string() }),
  output: z.object({ id: z.string(), status: z.string() }),
  effect: "destructive",
  writes: ["Project"],
  examples: ["Archive project X"],
  prepare: async (input, ctx) => {
    const p = await ctx.store.get("Project", input.id);
    if (!p) throw new ToolError("NOT_FOUND", `project ${input.id} not found`);
    if (p.status === "archived") throw new ToolError("CONFLICT", `project ${p.name} is already archived`);
    return `Archive project ${p.name}`;
  },
  run: async (input, ctx) => {
    const p = await ctx.store.update("Project", input.id, { status: "archived" }, { status: "active" });
    if (!p) throw new ToolError("CONFLICT", "not active");
    return { id: p.id, status: p.status };
  },
  reply: (o) => `Archived ${o.id}`,
});

const sneaky = defineTool({
  name: "sneaky_for_test",
  description: "Writes an entity it did not declare",
  domain: "productivity",
  input: z.object({}),
  output: z.object({}),
  effect: "write",
  writes: ["Note"],
  examples: [],
  run: async (_i, ctx) => {
    await ctx.store.insert("Project", { name: "undeclared" });
    return {};
  },
  reply: () => "",
});

const issueToken = defineTool({
  name: "issue_token_for_test",
  description: "Issue a token shown once",
  domain: "productivity",
  input: z.object({}),
  output: z.object({ id: z.string(), token: z.string().meta({ description: "the token, shown once", secret: true }) }),
  effect: "write",
  writes: ["Note"],
  examples: [],
  run: async (_i, ctx) => {
    const n = await ctx.store.insert("Note", { content: "token issued" });
    return { id: n.id, token: "tok_TOPSECRET123" };
  },
  reply: (o) => `Your token: ${o.token}`,
});

const tools = [addProject, archiveProject, sneaky, issueToken] as unknown as AnyTool[];
let kit: TestKit;
afterEach(() => kit?.close());

describe("the tool door", () => {
  it("validates input and answers with the field that was wrong", async () => {
    kit = await createTestKit({ tools });
    await expect(kit.call("add_project_for_test", { name: "" })).rejects.toMatchObject({ code: "VALIDATION", details: { field: "name" } });
    await expect(kit.call("no_such_tool", {})).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect(await kit.store.count("Project")).toBe(0);
  });

  it("runs a write in a transaction and audits it", async () => {
    kit = await createTestKit({ tools });
    const out = await kit.call("add_project_for_test", { name: "Apollo" });
    expect(out).toMatchObject({ status: "ok", reply: "Created Apollo" });
    const audit = await kit.store.find("AuditLog", { action: "add_project_for_test" });
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ status: "success", actor_id: "usr_actor", entity_type: "Project" });
  });

  it("holds a destructive call for approval, runs it once, and refuses a second use", async () => {
    kit = await createTestKit({ tools });
    const p = await kit.store.insert("Project", { name: "Apollo", owner_id: "usr_actor" });
    const first = await kit.call("archive_project_for_test", { id: p.id });
    expect(first.status).toBe("approval_required");
    expect((await kit.store.require("Project", p.id)).status).toBe("active");
    await expect(kit.call("archive_project_for_test", { id: p.id }, { approvalId: "apr_forged" })).rejects.toMatchObject({ code: "FORBIDDEN" });
    if (first.status !== "approval_required") throw new Error("unreachable");
    const { decideApproval } = await import("./door.js");
    await decideApproval(kit.deps, { workspaceId: "ws_default", actor: kit.actor }, first.approval.id, true);
    const done = await kit.call("archive_project_for_test", { id: p.id }, { approvalId: first.approval.id });
    expect(done).toMatchObject({ status: "ok" });
    expect((await kit.store.require("Project", p.id)).status).toBe("archived");
    await kit.store.update("Project", p.id, { status: "active" });
    await expect(kit.call("archive_project_for_test", { id: p.id }, { approvalId: first.approval.id })).rejects.toThrow(/already been used/);
    expect((await kit.store.require("Project", p.id)).status).toBe("active");
  });

  it("an approval fits only the exact call it was asked for", async () => {
    kit = await createTestKit({ tools });
    const p1 = await kit.store.insert("Project", { name: "One" });
    const p2 = await kit.store.insert("Project", { name: "Two" });
    const first = await kit.call("archive_project_for_test", { id: p1.id });
    if (first.status !== "approval_required") throw new Error("expected approval");
    const { decideApproval } = await import("./door.js");
    await decideApproval(kit.deps, { workspaceId: "ws_default", actor: kit.actor }, first.approval.id, true);
    await expect(kit.call("archive_project_for_test", { id: p2.id }, { approvalId: first.approval.id })).rejects.toMatchObject({ code: "FORBIDDEN" });
    expect((await kit.store.require("Project", p2.id)).status).toBe("active");
  });

  it("a rejected approval changes nothing and cannot be used", async () => {
    kit = await createTestKit({ tools });
    const p = await kit.store.insert("Project", { name: "Apollo" });
    const first = await kit.call("archive_project_for_test", { id: p.id });
    if (first.status !== "approval_required") throw new Error("expected approval");
    const { decideApproval } = await import("./door.js");
    await decideApproval(kit.deps, { workspaceId: "ws_default", actor: kit.actor }, first.approval.id, false);
    await expect(kit.call("archive_project_for_test", { id: p.id }, { approvalId: first.approval.id })).rejects.toThrow(/rejected/);
    expect((await kit.store.require("Project", p.id)).status).toBe("active");
  });

  it("checks preconditions before asking for approval", async () => {
    kit = await createTestKit({ tools });
    await expect(kit.call("archive_project_for_test", { id: "prj_missing" })).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect(await kit.store.count("PendingApproval")).toBe(0);
  });

  it("refuses a customer an admin tool", async () => {
    kit = await createTestKit({ tools });
    const customer = await kit.userWithRole("customer");
    const p = await kit.store.insert("Project", { name: "Apollo" });
    await expect(kit.call("archive_project_for_test", { id: p.id }, { actor: customer })).rejects.toMatchObject({ code: "FORBIDDEN" });
    expect(await kit.store.count("PendingApproval")).toBe(0);
  });

  it("refuses an API key without the tool's permission", async () => {
    kit = await createTestKit({ tools });
    await expect(
      kit.call("add_project_for_test", { name: "X" }, { apiKey: { id: "key_1", permissions: ["read_runs"], pipeline_ids: [] } }),
    ).rejects.toMatchObject({ code: "FORBIDDEN" });
  });

  it("keeps a tool to the entities it declared, and rolls its writes back", async () => {
    kit = await createTestKit({ tools });
    await expect(kit.call("sneaky_for_test", {})).rejects.toMatchObject({ code: "FORBIDDEN" });
    expect(await kit.store.count("Project")).toBe(0);
  });

  it("replays the first result for the same idempotency key and refuses another input", async () => {
    kit = await createTestKit({ tools });
    const a = await kit.call("add_project_for_test", { name: "Apollo" }, { idempotencyKey: "k1" });
    const b = await kit.call("add_project_for_test", { name: "Apollo" }, { idempotencyKey: "k1" });
    expect(b).toMatchObject({ status: "ok", replayed: true });
    expect(b.status === "ok" && a.status === "ok" && b.output).toEqual(a.status === "ok" && a.output);
    expect(await kit.store.count("Project")).toBe(1);
    await expect(kit.call("add_project_for_test", { name: "Zephyr" }, { idempotencyKey: "k1" })).rejects.toMatchObject({ code: "CONFLICT" });
  });

  it("shows a secret output once to the caller and stores only its redacted form", async () => {
    kit = await createTestKit({ tools });
    const out = await kit.call("issue_token_for_test", {}, { idempotencyKey: "k-token" });
    if (out.status !== "ok") throw new Error("expected ok");
    expect(out.shownOnce).toEqual({ token: "tok_TOPSECRET123" });
    expect(out.reply).toContain("tok_TOPSECRET123");
    expect(out.safeReply).not.toContain("TOPSECRET");
    await kit.deps.services.background.settle(10_000); // audit rows that trail the call included
    const dump = JSON.stringify(await kit.db.kysely.selectFrom("idempotency_records").selectAll().execute()) + JSON.stringify(await kit.db.kysely.selectFrom("audit_logs").selectAll().execute());
    expect(dump).not.toContain("TOPSECRET");
    const replay = await kit.call("issue_token_for_test", {}, { idempotencyKey: "k-token" });
    expect(JSON.stringify(replay)).not.toContain("TOPSECRET");
  });
});
