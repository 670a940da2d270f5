import { AIMessage, HumanMessage, SystemMessage, ToolMessage, type BaseMessage } from "@langchain/core/messages";
import { afterEach, describe, expect, it } from "vitest";
import { createLlmRouter } from "../router.js";
import { startAnthropicStandIn } from "./anthropic-server.js";
import { localBrain, scriptedResponder } from "./brain.js";
import { TEST_TOOLS } from "./fixtures.js";
import type { StandIn } from "./http.js";
import { startOpenAIStandIn } from "./openai-server.js";

let servers: StandIn[] = [];
afterEach(async () => {
  await Promise.all(servers.map((s) => s.close()));
  servers = [];
});

const PROTOCOLS = [
  ["openai", startOpenAIStandIn, "OPENAI"],
  ["anthropic", startAnthropicStandIn, "ANTHROPIC"],
] as const;

/** A model call the way graph/ makes one: tools bound, streamed, chunks joined. */
async function turn(provider: string, env: Record<string, string>, messages: BaseMessage[]): Promise<AIMessage> {
  const router = createLlmRouter({ env, provider, fallback: [] });
  return (await router.model.bindTools(TEST_TOOLS).invoke(messages)) as AIMessage;
}

describe.each(PROTOCOLS)("the scripted %s stand-in", (provider, start, prefix) => {
  async function serve(responder: Parameters<typeof start>[0]) {
    const server = await start(responder);
    servers.push(server);
    return { [`${prefix}_API_KEY`]: "stand-in-key-0001", [`${prefix}_BASE_URL`]: server.url };
  }

  it("calls the tool its script names, then answers from the tool's result", async () => {
    const env = await serve({
      responder: scriptedResponder([{ when: "Add note: Call ACME", calls: [{ name: "add_note", arguments: { content: "Call ACME" } }] }]),
    });
    const history: BaseMessage[] = [new SystemMessage("You are Copilot."), new HumanMessage("Add note: Call ACME")];
    const first = await turn(provider, env, history);
    expect(first.tool_calls).toMatchObject([{ name: "add_note", args: { content: "Call ACME" } }]);
    history.push(first, new ToolMessage({ tool_call_id: first.tool_calls![0]!.id!, content: 'Noted: "Call ACME".' }));
    const second = await turn(provider, env, history);
    expect(second.content).toBe('Noted: "Call ACME".');
    expect(second.tool_calls).toEqual([]);
  });

  it("declines what its script does not know", async () => {
    const env = await serve({ responder: scriptedResponder([]) });
    expect((await turn(provider, env, [new HumanMessage("What's the weather?")])).content).toBe("Sorry, I can't help with that.");
  });

  it("with the local provider as its brain, fills arguments from the full tool definitions and the stated time", async () => {
    const env = await serve({ responder: localBrain(TEST_TOOLS) });
    const reply = await turn(provider, env, [new SystemMessage("You are Copilot. Current time: 2026-03-10T09:00:00Z"), new HumanMessage("Add note: Call ACME Friday 9am")]);
    expect(reply.tool_calls).toMatchObject([{ name: "add_note", args: { content: "Call ACME", remind_at: "2026-03-13T09:00:00.000Z" } }]);
  });
});
