import { z } from "zod";
import { afterEach, describe, expect, it } from "vitest";
import { AGENTS } from "../../agents/index.js";
import { rolesOf } from "../define.js";
import type { ArgHint } from "../hints.js";
import type { TestKit } from "../testing.js";
import { productivityTools } from "./index.js";
import { ok, productivityKit } from "./test-support.js";

describe("Copilot's tool declarations", () => {
  it("stay within Copilot's entity access", () => {
    const { reads, writes } = AGENTS.Copilot.entities;
    for (const tool of productivityTools) {
      for (const e of tool.reads ?? []) expect([...reads, ...writes], `${tool.name} reads ${e}`).toContain(e);
      for (const e of tool.writes ?? []) expect(writes, `${tool.name} writes ${e}`).toContain(e);
    }
  });

  it("give the local provider what it ranks and extracts from", () => {
    for (const tool of productivityTools) {
      expect(tool.examples.length, tool.name).toBeGreaterThanOrEqual(5);
      expect(new Set(tool.examples).size, tool.name).toBe(tool.examples.length);
      expect(tool.description.length, tool.name).toBeGreaterThan(30);
      for (const [field, schema] of Object.entries(tool.input.shape as Record<string, z.ZodType>)) {
        const meta = z.globalRegistry.get(schema) as ArgHint | undefined;
        expect(meta?.description, `${tool.name}.${field}`).toBeTruthy();
        expect(meta?.extract, `${tool.name}.${field}`).toBeTruthy();
        expect(Array.isArray(meta?.cues), `${tool.name}.${field}`).toBe(true);
      }
    }
  });

  it("are open to customers, except handing tasks to others", () => {
    const notForCustomers = productivityTools.filter((t) => !rolesOf(t).includes("customer")).map((t) => t.name);
    expect(notForCustomers).toEqual(["assign_task"]);
  });

  it("hold only deleting a note for approval", () => {
    expect(productivityTools.filter((t) => t.effect === "destructive").map((t) => t.name)).toEqual(["delete_note"]);
  });
});

describe("a customer's reach", () => {
  let kit: TestKit;
  afterEach(() => kit?.close());

  it("sees and changes only the customer's own rows", async () => {
    kit = await productivityKit();
    const customer = await kit.userWithRole("customer", "usr_cust");
    const as = { actor: customer };
    const project = await kit.store.insert("Project", { name: "Secret Merger", owner_id: "usr_actor" });
    const note = await kit.store.insert("Note", { content: "board notes #private", project_id: project.id, owner_id: "usr_actor" });
    await kit.store.insert("Contact", { full_name: "Grace Hopper", email: "grace@navy.example", owner_id: "usr_actor" });
    const draft = await kit.store.insert("Draft", { tool_type: "email", form_data: { content: "confidential offer" }, owner_id: "usr_actor" });
    const task = await kit.store.insert("Task", { title: "Approve merger", assignee_id: "usr_actor" });
    const before = await Promise.all((["Project", "Note", "Contact", "Draft", "Task"] as const).map((e) => kit.store.find(e)));

    const reads = [
      ["list_projects", { status: "all" }],
      ["list_notes", {}],
      ["search_notes", { query: "board" }],
      ["list_contacts", {}],
      ["find_contacts", { query: "grace" }],
      ["list_tasks", {}],
    ] as const;
    for (const [tool, input] of reads) {
      const { reply } = ok(await kit.call(tool, input, as));
      expect(reply, tool).toMatch(/^(You have no|None of your)/);
    }
    const refused = [
      ["resume_draft", {}],
      ["resume_draft", { draft_id: draft.id }],
      ["revise_draft", { draft_id: draft.id, content: "hijacked" }],
      ["finalize_draft", { draft_id: draft.id }],
      ["rename_project", { project: project.id, new_name: "Mine now" }],
      ["archive_project", { project: "Secret Merger" }],
      ["add_note", { project: "Secret Merger", content: "sneaky" }],
      ["update_note", { note: note.id, content: "hijacked" }],
      ["delete_note", { note: note.id }],
      ["list_notes", { project: project.id }],
      ["complete_task", { task: task.id }],
    ] as const;
    for (const [tool, input] of refused) {
      await expect(kit.call(tool, input, as), tool).rejects.toMatchObject({ code: "NOT_FOUND" });
    }
    await expect(kit.call("list_tasks", { scope: "everyone" }, as)).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(kit.call("assign_task", { task: task.id, assignee: "usr_cust" }, as)).rejects.toMatchObject({ code: "FORBIDDEN" });

    const after = await Promise.all((["Project", "Note", "Contact", "Draft", "Task"] as const).map((e) => kit.store.find(e)));
    expect(after).toEqual(before);
    expect(await kit.store.count("PendingApproval")).toBe(0);
  });

  it("works on the customer's own rows as anyone else does", async () => {
    kit = await productivityKit();
    const customer = await kit.userWithRole("customer", "usr_cust");
    const as = { actor: customer };
    ok(await kit.call("create_project", { name: "Apollo" }, as));
    ok(await kit.call("create_project", { name: "Apollo" }));
    ok(await kit.call("add_note", { project: "Apollo", content: "kick-off #start" }, as));
    const mine = await kit.store.findOne("Project", { owner_id: "usr_cust" });
    expect(await kit.store.find("Note", { owner_id: "usr_cust" })).toMatchObject([{ project_id: mine!.id, tags: ["start"] }]);
    const listed = ok(await kit.call("list_projects", {}, as));
    expect(listed.output.projects).toMatchObject([{ id: mine!.id, notes: 1 }]);
    const deleted = await kit.callApproved("delete_note", { note: "kick-off" }, as);
    expect(deleted.status).toBe("ok");
    expect(await kit.store.count("Note")).toBe(0);
  });
});
