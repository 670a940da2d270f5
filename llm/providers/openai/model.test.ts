import { HumanMessage, SystemMessage, ToolMessage, AIMessage, type AIMessageChunk } from "@langchain/core/messages";
import { concat } from "@langchain/core/utils/stream";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { startOpenAIStandIn } from "../../testing/openai-server.js";
import type { StandIn } from "../../testing/http.js";
import { TEST_TOOLS } from "../../testing/fixtures.js";
import { OpenAIChatModel } from "./model.js";

let server: StandIn;
beforeEach(async () => {
  server = await startOpenAIStandIn();
});
afterEach(() => server.close());

const model = () => new OpenAIChatModel({ model: "gpt-4o-mini", apiKey: "sk-platform-0001", baseURL: server.url });
const say = [new SystemMessage("You are Copilot."), new HumanMessage("Add note: Call ACME Friday 9am")];
const call = { id: "call_1", name: "add_note", arguments: { content: "Call ACME", remind_at: "2026-03-13T09:00:00Z" } };

describe("the OpenAI provider (ChatOpenAI against a Chat Completions stand-in)", () => {
  it("sends our tools as function tools without the hint keys, and normalises a tool call (JSON)", async () => {
    server.enqueue({ toolCalls: [call], usage: { prompt_tokens: 120, completion_tokens: 20, cached_tokens: 100 } });
    const reply = await model().bindTools(TEST_TOOLS).invoke(say);
    expect(reply.tool_calls).toEqual([{ id: "call_1", name: "add_note", args: call.arguments, type: "tool_call" }]);
    expect(reply.usage_metadata).toMatchObject({ input_tokens: 120, output_tokens: 20, input_token_details: { cache_read: 100 } });
    const sent = server.requests[0]!;
    expect(sent.apiKey).toBe("sk-platform-0001");
    expect(sent.headers.authorization).toBe("Bearer sk-platform-0001");
    expect(sent.body.tools).toEqual([
      {
        type: "function",
        function: {
          name: "add_note",
          description: "Add a note, optionally with a reminder time",
          parameters: {
            type: "object",
            properties: {
              content: { type: "string", description: "the note text" },
              remind_at: { type: "string", description: "when to remind" },
              unit: { type: "string", enum: ["min", "h"] },
            },
            required: ["content"],
            additionalProperties: false,
          },
        },
      },
    ]);
    expect(sent.body.max_tokens).toBe(4096);
    expect(sent.messages[0]).toEqual({ role: "system", text: "You are Copilot." });
  });

  it("streams tool-call deltas and the include_usage chunk into the same normalised message", async () => {
    server.enqueue({ toolCalls: [call], usage: { prompt_tokens: 80, completion_tokens: 12, cached_tokens: 64 } });
    let full: AIMessageChunk | undefined;
    for await (const chunk of await model().bindTools(TEST_TOOLS).stream(say)) full = full ? concat(full, chunk) : chunk;
    expect(full!.tool_calls).toEqual([{ id: "call_1", name: "add_note", args: call.arguments, type: "tool_call" }]);
    expect(full!.usage_metadata).toMatchObject({ input_tokens: 80, output_tokens: 12, input_token_details: { cache_read: 64 } });
    expect(server.requests[0]!.body.stream_options).toEqual({ include_usage: true });
  });

  it("streams text a piece at a time", async () => {
    server.enqueue({ text: "Noted: Call ACME on Friday." });
    const texts: string[] = [];
    for await (const chunk of await model().stream(say)) if (typeof chunk.content === "string" && chunk.content) texts.push(chunk.content);
    expect(texts.length).toBeGreaterThan(1);
    expect(texts.join("")).toBe("Noted: Call ACME on Friday.");
  });

  it("sends earlier tool calls and their results back in OpenAI's shape", async () => {
    server.enqueue({ text: "Done." });
    await model()
      .bindTools(TEST_TOOLS)
      .invoke([
        ...say,
        new AIMessage({ content: "", tool_calls: [{ id: "call_1", name: "add_note", args: { content: "Call ACME" } }] }),
        new ToolMessage({ tool_call_id: "call_1", content: '{"id":"note_1"}' }),
      ]);
    expect(server.requests[0]!.messages.slice(2)).toEqual([
      { role: "assistant", text: "", toolCalls: [{ id: "call_1", name: "add_note", arguments: { content: "Call ACME" } }] },
      { role: "tool", toolCallId: "call_1", text: '{"id":"note_1"}', isError: false },
    ]);
  });

  it("does not retry inside the SDK: one 500 is one request", async () => {
    server.enqueue({ status: 500 });
    await expect(model().invoke(say)).rejects.toMatchObject({ status: 500 });
    expect(server.requests).toHaveLength(1);
  });
});
