import { afterEach, describe, expect, it } from "vitest";
import type { TestKit } from "../../testing.js";
import { charCount } from "../text.js";
import { ok, productivityKit } from "../test-support.js";

let kit: TestKit;
afterEach(() => kit?.close());

describe("draft_content", () => {
  it("drafts the seed's tweet announcing our launch, saved with its first revision", async () => {
    kit = await productivityKit();
    const { output, reply } = ok(await kit.call("draft_content", { tool_type: "tweet", topic: "our launch", intent: "announce" }));
    const drafts = await kit.store.find("Draft");
    expect(drafts).toHaveLength(1);
    const draft = drafts[0]!;
    expect(draft).toMatchObject({ id: output.id, tool_type: "tweet", status: "draft", owner_id: "usr_actor", title: "Our launch" });
    const content = draft.form_data.content as string;
    expect(content).toContain("launch");
    expect(charCount(content)).toBeLessThanOrEqual(280);
    expect(draft.revisions).toEqual([{ at: "2026-03-10T09:00:00.000Z", form_data: draft.form_data }]);
    expect(reply).toContain(`> ${content}`);
    expect(reply).toContain(`(${charCount(content)}/280 characters)`);
  });

  it("reads the intent from the topic when the request kept its verb", async () => {
    kit = await productivityKit();
    const { output } = ok(await kit.call("draft_content", { tool_type: "tweet", topic: "announcing our launch" }));
    expect(output.content.startsWith("Announcing our launch!")).toBe(true);
  });

  it("keeps a tweet a model wrote within 280 characters, cut on a word", async () => {
    kit = await productivityKit();
    const long = "Our launch is here and it is big. ".repeat(12).trim();
    const { output, reply } = ok(await kit.call("draft_content", { tool_type: "tweet", content: long }));
    expect(charCount(output.content)).toBeLessThanOrEqual(280);
    expect(output.content.endsWith("…")).toBe(true);
    expect(long.startsWith(output.content.slice(0, -1))).toBe(true);
    expect(long.charAt(charCount(output.content) - 1)).toMatch(/[\s.]/);
    expect(output.shortened).toBe(true);
    expect(reply).toContain("shortened to fit 280 characters");
  });

  it("writes an email with a subject and the recipient", async () => {
    kit = await productivityKit();
    const { output } = ok(await kit.call("draft_content", { tool_type: "email", topic: "about their renewal next month", to: "the ACME team" }));
    expect(output).toMatchObject({ subject: "Their renewal next month", to: "the ACME team", title: "Their renewal next month" });
    expect(output.content).toMatch(/^Hi ACME team,/);
    expect(output.content).toMatch(/Best regards,\nActor$/);
  });

  it("takes given content and subject as they are", async () => {
    kit = await productivityKit();
    const { output } = ok(await kit.call("draft_content", { tool_type: "email", subject: "Q3 update", content: "Hi all, here is where we stand." }));
    expect(output.form_data).toEqual({ content: "Hi all, here is where we stand.", subject: "Q3 update" });
  });

  it("asks what the draft is about when the request does not say", async () => {
    kit = await productivityKit();
    await expect(kit.call("draft_content", { tool_type: "post" })).rejects.toMatchObject({
      code: "VALIDATION",
      message: "What should a post be about?",
      details: { field: "topic", ask: true },
    });
    expect(await kit.store.count("Draft")).toBe(0);
  });
});

describe("revise_draft", () => {
  it("saves every revision of the latest draft, and keeps a tweet within 280 characters", async () => {
    kit = await productivityKit();
    const { output: first } = ok(await kit.call("draft_content", { tool_type: "tweet", topic: "announcing our launch" }));
    ok(await kit.call("revise_draft", { content: "We launch on Monday!" }));
    const { output, reply } = ok(await kit.call("revise_draft", { tool_type: "tweet", mode: "append", content: "Sign up at flashfusion.app " + "now ".repeat(80) }));
    const draft = await kit.store.require("Draft", first.id);
    expect(draft.revisions).toHaveLength(3);
    expect(draft.revisions.map((r) => (r.form_data.content as string).slice(0, 20))).toEqual([
      "Announcing our launc",
      "We launch on Monday!",
      "We launch on Monday!",
    ]);
    expect(draft.form_data).toEqual(draft.revisions[2]!.form_data);
    expect(charCount(output.content)).toBeLessThanOrEqual(280);
    expect(output.versions).toBe(3);
    expect(reply).toContain("saved version 3");
  });

  it("changes an email's subject and adds a line before its sign-off", async () => {
    kit = await productivityKit();
    ok(await kit.call("draft_content", { tool_type: "email", topic: "about the renewal" }));
    const { output } = ok(await kit.call("revise_draft", { subject: "Your renewal, and next steps", content: "PS: prices change in April.", mode: "append" }));
    expect(output.subject).toBe("Your renewal, and next steps");
    expect(output.title).toBe("Your renewal, and next steps");
    expect(output.content).toMatch(/PS: prices change in April\.\n\nBest regards,\nActor$/);
    const added = ok(await kit.call("revise_draft", { mode: "append", content: "See you there." })).output;
    expect(added.content).toMatch(/PS: prices change in April\.\n\nSee you there\.\n\nBest regards,\nActor$/);
  });

  it("refuses changes a draft's kind has no place for, and a change that changes nothing", async () => {
    kit = await productivityKit();
    const { output } = ok(await kit.call("draft_content", { tool_type: "tweet", content: "Hello" }));
    await expect(kit.call("revise_draft", { subject: "x" })).rejects.toMatchObject({ code: "VALIDATION", details: { field: "subject" } });
    await expect(kit.call("revise_draft", { content: "Hello" })).rejects.toMatchObject({ code: "CONFLICT" });
    await expect(kit.call("revise_draft", {})).rejects.toMatchObject({ code: "VALIDATION", details: { ask: true } });
    expect((await kit.store.require("Draft", output.id)).revisions).toHaveLength(1);
  });
});

describe("resume_draft", () => {
  it("shows the speaker's most recently updated draft in progress", async () => {
    kit = await productivityKit();
    await kit.userWithRole("member", "usr_other");
    await kit.store.insert("Draft", {
      id: "drf_1",
      tool_type: "email",
      form_data: { subject: "Renewal", content: "Hi ACME team, about your renewal next month" },
      owner_id: "usr_actor",
      updated_at: "2026-03-09T09:00:00Z",
    });
    await kit.store.insert("Draft", { id: "drf_old", tool_type: "tweet", form_data: { content: "old" }, owner_id: "usr_actor", updated_at: "2026-03-01T09:00:00Z" });
    await kit.store.insert("Draft", { id: "drf_final", tool_type: "post", form_data: { content: "done" }, status: "final", owner_id: "usr_actor", updated_at: "2026-03-10T08:00:00Z" });
    await kit.store.insert("Draft", { id: "drf_theirs", tool_type: "tweet", form_data: { content: "not yours" }, owner_id: "usr_other", updated_at: "2026-03-10T08:30:00Z" });
    const { output, reply } = ok(await kit.call("resume_draft", {}));
    expect(output.id).toBe("drf_1");
    expect(reply).toBe(
      'Here is your last email draft [drf_1] (saved 2026-03-09 09:00 UTC):\nSubject: "Renewal"\n> Hi ACME team, about your renewal next month\n' +
        'Say "revise my draft" to change it, or "finalize my draft" when it is ready.',
    );
    expect(ok(await kit.call("resume_draft", { tool_type: "tweet" })).output.id).toBe("drf_old");
    expect(ok(await kit.call("resume_draft", { draft_id: "drf_final" })).reply).toContain("It is final.");
    await expect(kit.call("resume_draft", { draft_id: "drf_theirs" })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(kit.call("resume_draft", { tool_type: "post" })).rejects.toMatchObject({
      code: "NOT_FOUND",
      message: expect.stringContaining("You have no post draft in progress"),
    });
  });
});

describe("finalize_draft", () => {
  it("finalizes the latest draft once; revising it later makes it a draft again", async () => {
    kit = await productivityKit();
    const { output: d } = ok(await kit.call("draft_content", { tool_type: "post", topic: "thanking our beta testers" }));
    expect(ok(await kit.call("finalize_draft", {})).output.status).toBe("final");
    await expect(kit.call("finalize_draft", { draft_id: d.id })).rejects.toMatchObject({ code: "CONFLICT" });
    await expect(kit.call("finalize_draft", {})).rejects.toMatchObject({ code: "NOT_FOUND" });
    const { output, reply } = ok(await kit.call("revise_draft", { draft_id: d.id, title: "Thank you, testers" }));
    expect(output).toMatchObject({ status: "draft", title: "Thank you, testers", versions: 2 });
    expect(reply).toContain("it was final; it is a draft again");
  });

  it("asks for an email's subject before finalizing it", async () => {
    kit = await productivityKit();
    await kit.store.insert("Draft", { tool_type: "email", form_data: { content: "Hi" }, owner_id: "usr_actor" });
    await expect(kit.call("finalize_draft", { tool_type: "email" })).rejects.toMatchObject({ code: "VALIDATION", details: { field: "subject", ask: true } });
  });
});
