import { afterEach, describe, expect, it } from "vitest";
import type { TestKit } from "../../testing.js";
import { ok, productivityKit } from "../test-support.js";

let kit: TestKit;
afterEach(() => kit?.close());

describe("create_project", () => {
  it("creates an active project owned by the speaker", async () => {
    kit = await productivityKit();
    const { output, reply } = ok(await kit.call("create_project", { name: "  Q3   Planning " }));
    const rows = await kit.store.find("Project");
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ id: output.id, name: "Q3 Planning", status: "active", owner_id: "usr_actor", type: null });
    expect(reply).toBe(`Created project Q3 Planning [${output.id}].`);
  });

  it("refuses a second project of the speaker's with the same name, but not another person's", async () => {
    kit = await productivityKit();
    await kit.store.insert("Project", { name: "Apollo", owner_id: "usr_other" });
    ok(await kit.call("create_project", { name: "Apollo", type: "Engineering" }));
    await expect(kit.call("create_project", { name: "apollo" })).rejects.toMatchObject({ code: "CONFLICT", details: { field: "name" } });
    expect(await kit.store.count("Project", { owner_id: "usr_actor" })).toBe(1);
    expect((await kit.store.findOne("Project", { owner_id: "usr_actor" }))?.type).toBe("engineering");
  });
});

describe("list_projects", () => {
  it("shows only the speaker's own projects of this workspace, and writes nothing", async () => {
    kit = await productivityKit();
    await kit.userWithRole("member", "usr_other");
    await kit.store.insert("Project", { name: "Website Relaunch", type: "marketing", owner_id: "usr_actor" });
    await kit.store.insert("Project", { name: "Mobile App", type: "engineering", owner_id: "usr_actor" });
    await kit.store.insert("Project", { name: "Secret Merger", type: "finance", owner_id: "usr_other" });
    const other = await kit.storeOf("ws_other");
    await other.insert("Project", { name: "Zephyr", owner_id: "usr_actor" });
    const before = await kit.store.find("Project");
    const { output, reply } = ok(await kit.call("list_projects", {}));
    expect(output.projects.map((p: { name: string }) => p.name)).toEqual(["Mobile App", "Website Relaunch"]);
    expect(reply).toContain("Website Relaunch (marketing)");
    expect(reply).toContain("Mobile App (engineering)");
    expect(reply).not.toContain("Secret Merger");
    expect(reply).not.toContain("Zephyr");
    expect(await kit.store.find("Project")).toEqual(before);
  });

  it("counts each project's notes and keeps archived projects apart", async () => {
    kit = await productivityKit();
    const web = await kit.store.insert("Project", { name: "Website Relaunch", owner_id: "usr_actor" });
    await kit.store.insert("Project", { name: "Old Site", status: "archived", owner_id: "usr_actor" });
    await kit.store.insert("Note", { content: "a", project_id: web.id, owner_id: "usr_actor" });
    await kit.store.insert("Note", { content: "b", project_id: web.id, owner_id: "usr_actor" });
    const active = ok(await kit.call("list_projects", {}));
    expect(active.reply).toBe("Your active projects (1):\n- Website Relaunch: 2 notes\n(1 archived project not shown.)");
    const archived = ok(await kit.call("list_projects", { status: "archived" }));
    expect(archived.output.projects.map((p: { name: string }) => p.name)).toEqual(["Old Site"]);
    expect(ok(await kit.call("list_projects", { status: "all" })).output.projects).toHaveLength(2);
  });

  it("says so when the speaker has no projects", async () => {
    kit = await productivityKit();
    expect(ok(await kit.call("list_projects", {})).reply).toBe("You have no active projects.");
  });
});

describe("rename_project and archive_project", () => {
  it("renames one of the speaker's projects by name, refusing a name already taken", async () => {
    kit = await productivityKit();
    const q3 = await kit.store.insert("Project", { name: "Q3 Planning", owner_id: "usr_actor" });
    await kit.store.insert("Project", { name: "Q4 Planning", owner_id: "usr_actor" });
    const { reply } = ok(await kit.call("rename_project", { project: "q3 planning", new_name: "Q3 Roadmap" }));
    expect(reply).toBe("Renamed project Q3 Planning to Q3 Roadmap.");
    expect((await kit.store.require("Project", q3.id)).name).toBe("Q3 Roadmap");
    await expect(kit.call("rename_project", { project: "Q3 Roadmap", new_name: "Q4 planning" })).rejects.toMatchObject({ code: "CONFLICT" });
  });

  it("archives an active project once; its notes stay", async () => {
    kit = await productivityKit();
    const p = await kit.store.insert("Project", { name: "Apollo", owner_id: "usr_actor" });
    await kit.store.insert("Note", { content: "n", project_id: p.id, owner_id: "usr_actor" });
    const first = await kit.call("archive_project", { project: "Apollo" });
    expect(ok(first).output).toMatchObject({ id: p.id, status: "archived" });
    await expect(kit.call("archive_project", { project: p.id })).rejects.toMatchObject({ code: "CONFLICT" });
    expect(await kit.store.count("Note", { project_id: p.id })).toBe(1);
  });
});
