import { z } from "zod";
import { afterEach, describe, expect, it } from "vitest";
import { defineTool, type AnyTool } from "../../define.js";
import { createTestKit, type TestKit } from "../../testing.js";
import { productivityTools } from "../index.js";
import { ok } from "../test-support.js";

/** Stand-ins for other domains' tools, to see help and navigation read the registry. */
const createWebhook = defineTool({
  name: "create_webhook",
  title: "Create a webhook",
  description: "Register an endpoint for pipeline events",
  domain: "cicd",
  input: z.object({}),
  output: z.object({}),
  effect: "write",
  examples: ["Create a webhook for run.failed to https://hooks.example.com/ci"],
  run: async () => ({}),
  reply: () => "",
});
const rollback = defineTool({
  name: "rollback_workflow",
  description: "Roll back a workflow",
  domain: "commerce",
  input: z.object({}),
  output: z.object({}),
  effect: "destructive",
  roles: ["admin"],
  examples: ["Rollback workflow exec_1234"],
  run: async () => ({}),
  reply: () => "",
});

let kit: TestKit;
afterEach(() => kit?.close());

const withOthers = () => createTestKit({ tools: [...productivityTools, createWebhook, rollback] as AnyTool[] });

describe("help", () => {
  it("describes Copilot's areas from the registry, each with an example, and what other domains do", async () => {
    kit = await withOthers();
    const { output, reply } = ok(await kit.call("help", {}));
    expect(output.areas.map((a: { area: string }) => a.area)).toEqual([
      "Notes",
      "Projects",
      "Contacts",
      "Tasks",
      "Drafts",
      "Help and navigation",
      "Pipelines and deployments",
      "Orders, payments and onboarding",
    ]);
    expect(reply).toContain('- Notes: add a note; list my notes; search my notes; update a note; delete a note. Try "Add note: Call ACME Friday 9am"');
    expect(reply).toContain('- Pipelines and deployments: create a webhook. Try "Create a webhook for run.failed to https://hooks.example.com/ci"');
    expect(reply).toContain("Rollback workflow exec_1234");
  });

  it("shows a customer only what a customer may do", async () => {
    kit = await withOthers();
    const customer = await kit.userWithRole("customer");
    const { output } = ok(await kit.call("help", {}, { actor: customer }));
    const tools = output.areas.flatMap((a: { tools: { name: string }[] }) => a.tools.map((t) => t.name));
    expect(tools).toContain("add_note");
    expect(tools).not.toContain("assign_task");
    expect(tools).not.toContain("create_webhook");
    expect(tools).not.toContain("rollback_workflow");
  });

  it("explains one area in detail when asked, and says so when it knows nothing about the topic", async () => {
    kit = await withOthers();
    const drafts = ok(await kit.call("help", { topic: "drafts" }));
    expect(drafts.output.areas.map((a: { area: string }) => a.area)).toEqual(["Drafts"]);
    expect(drafts.reply.split("\n")[0]).toBe("Drafts:");
    expect(drafts.reply).toContain('Try "Resume my last draft".');
    const weather = ok(await kit.call("help", { topic: "the weather in Paris" }));
    expect(weather.output.matched).toBe(false);
    expect(weather.reply).toMatch(/^I have nothing specific about "the weather in Paris"/);
  });
});

describe("navigate", () => {
  it("says where webhooks are managed: the app, the API and the chat tools that exist", async () => {
    kit = await withOthers();
    const { output, reply } = ok(await kit.call("navigate", { topic: "where do I manage webhooks" }));
    expect(output.place.area).toBe("Webhooks");
    expect(output.chat.map((c: { tool: string }) => c.tool)).toEqual(["create_webhook"]);
    expect(reply).toContain("- In the app: Dashboard → API → Webhooks → Create (URL, events, secret)");
    expect(reply).toContain("- API: POST /functions/sendWebhook");
    expect(reply).toContain('- In chat: Create a webhook, e.g. "Create a webhook for run.failed to https://hooks.example.com/ci"');
  });

  it("names no chat tool that is not registered", async () => {
    kit = await createTestKit({ tools: productivityTools });
    const { output } = ok(await kit.call("navigate", { topic: "webhooks" }));
    expect(output.place.area).toBe("Webhooks");
    expect(output.chat).toEqual([]);
  });

  it("points to Copilot's own tools for notes, and to the CLI for API keys", async () => {
    kit = await createTestKit({ tools: productivityTools });
    const notes = ok(await kit.call("navigate", { topic: "where are my notes?" }));
    expect(notes.output.place).toBeNull();
    expect(notes.output.chat.map((c: { tool: string }) => c.tool)).toEqual(["add_note", "list_notes", "search_notes", "update_note"]);
    const keys = ok(await kit.call("navigate", { topic: "where can I create an API key" }));
    expect(keys.output.place.area).toBe("API keys");
    expect(keys.reply).toContain("- Command line: flashfusion keys create | list | revoke");
  });

  it("answers honestly when it does not know", async () => {
    kit = await createTestKit({ tools: productivityTools });
    const { output, reply } = ok(await kit.call("navigate", { topic: "where is the espresso machine" }));
    expect(output.found).toBe(false);
    expect(reply).toBe(`I don't know where "where is the espresso machine" is in FlashFusion, and I won't guess. Ask "what can you do" to see what I can help with here.`);
  });
});
