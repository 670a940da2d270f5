import { afterEach, describe, expect, it } from "vitest";
import type { TestKit } from "../../testing.js";
import { ok, productivityKit } from "../test-support.js";

let kit: TestKit;
afterEach(() => kit?.close());

describe("contacts", () => {
  it("adds the public case's contact with email and company", async () => {
    kit = await productivityKit();
    const { reply } = ok(await kit.call("add_contact", { full_name: "Grace Hopper (", email: "Grace@Navy.example", company: "US Navy" }));
    const rows = await kit.store.find("Contact");
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ full_name: "Grace Hopper", email: "grace@navy.example", company: "US Navy", owner_id: "usr_actor" });
    expect(reply).toBe("Added contact:\n- Grace Hopper <grace@navy.example>, US Navy");
  });

  it("refuses a second contact with the same email, and a malformed phone", async () => {
    kit = await productivityKit();
    ok(await kit.call("add_contact", { full_name: "Grace Hopper", email: "grace@navy.example" }));
    await expect(kit.call("add_contact", { full_name: "G. Hopper", email: "grace@navy.example" })).rejects.toMatchObject({ code: "CONFLICT" });
    await expect(kit.call("add_contact", { full_name: "Ada", phone: "call me maybe" })).rejects.toMatchObject({
      code: "VALIDATION",
      details: { field: "phone" },
    });
    expect(await kit.store.count("Contact")).toBe(1);
  });

  it("finds and lists only the speaker's contacts", async () => {
    kit = await productivityKit();
    ok(await kit.call("add_contact", { full_name: "Grace Hopper", email: "grace@navy.example", company: "US Navy" }));
    ok(await kit.call("add_contact", { full_name: "Katherine Johnson", company: "NASA", phone: "+1 (555) 010-0100" }));
    await kit.store.insert("Contact", { full_name: "Grace Kelly", company: "US Navy", owner_id: "usr_other" });
    const found = ok(await kit.call("find_contacts", { query: "grace" }));
    expect(found.output.contacts.map((c: { full_name: string }) => c.full_name)).toEqual(["Grace Hopper"]);
    expect(ok(await kit.call("find_contacts", { query: "navy hopper" })).output.contacts).toHaveLength(1);
    expect(ok(await kit.call("find_contacts", { query: "Grace Hopper in my contacts" })).output.contacts).toHaveLength(1);
    expect(ok(await kit.call("find_contacts", { query: "Kelly" })).reply).toBe('None of your contacts match "Kelly".');
    const listed = ok(await kit.call("list_contacts", {}));
    expect(listed.reply).toBe(
      "Your contacts (2):\n- Grace Hopper <grace@navy.example>, US Navy\n- Katherine Johnson, NASA, +1 (555) 010-0100",
    );
    expect(ok(await kit.call("list_contacts", { company: "navy" })).output.contacts).toHaveLength(1);
  });
});
