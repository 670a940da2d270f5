import { AIMessage, HumanMessage, SystemMessage, ToolMessage, type AIMessageChunk } from "@langchain/core/messages";
import { concat } from "@langchain/core/utils/stream";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { startAnthropicStandIn } from "../../testing/anthropic-server.js";
import { TEST_TOOLS } from "../../testing/fixtures.js";
import type { StandIn } from "../../testing/http.js";
import { AnthropicChatModel } from "./model.js";

let server: StandIn;
beforeEach(async () => {
  server = await startAnthropicStandIn();
});
afterEach(() => server.close());

const model = (params = {}) => new AnthropicChatModel({ model: "claude-haiku-4-5", apiKey: "sk-ant-platform-0001", baseURL: server.url }, params);
const say = [new SystemMessage("You are Copilot."), new HumanMessage("Add note: Call ACME Friday 9am")];
const call = { id: "toolu_1", name: "add_note", arguments: { content: "Call ACME", remind_at: "2026-03-13T09:00:00Z" } };
const normalisedCall = { id: "toolu_1", name: "add_note", args: call.arguments, type: "tool_call" };

describe("the Anthropic provider (the official SDK wrapped as a chat model, against a Messages stand-in)", () => {
  it("sends the system prompt apart and tools as input_schema without hint keys; a tool_use block becomes a tool call (JSON)", async () => {
    server.enqueue({ text: "On it.", toolCalls: [call], usage: { prompt_tokens: 1000, completion_tokens: 50, cached_tokens: 800, cache_write_tokens: 100 } });
    const reply = await model().bindTools(TEST_TOOLS).invoke(say);
    expect(reply.content).toBe("On it.");
    expect(reply.tool_calls).toEqual([normalisedCall]);
    expect(reply.usage_metadata).toEqual({
      input_tokens: 1000,
      output_tokens: 50,
      total_tokens: 1050,
      input_token_details: { cache_read: 800, cache_creation: 100 },
    });
    expect(reply.response_metadata).toMatchObject({ stop_reason: "tool_use", finish_reason: "tool_calls" });
    const sent = server.requests[0]!;
    expect(sent.apiKey).toBe("sk-ant-platform-0001");
    expect(sent.body.system).toBe("You are Copilot.");
    expect(sent.body.messages).toEqual([{ role: "user", content: [{ type: "text", text: "Add note: Call ACME Friday 9am" }] }]);
    expect(sent.body.max_tokens).toBe(4096);
    expect(sent.body.tools).toEqual([
      {
        name: "add_note",
        description: "Add a note, optionally with a reminder time",
        input_schema: {
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
    ]);
  });

  it("streams message_start, text and input_json deltas and message_delta into the same normalised message", async () => {
    server.enqueue({ text: "On it.", toolCalls: [call], usage: { prompt_tokens: 300, completion_tokens: 40, cached_tokens: 200 } });
    let full: AIMessageChunk | undefined;
    const texts: string[] = [];
    for await (const chunk of await model().bindTools(TEST_TOOLS).stream(say)) {
      if (typeof chunk.content === "string" && chunk.content) texts.push(chunk.content);
      full = full ? concat(full, chunk) : chunk;
    }
    expect(texts.join("")).toBe("On it.");
    expect(full!.tool_calls).toEqual([normalisedCall]);
    expect(full!.usage_metadata).toMatchObject({ input_tokens: 300, output_tokens: 40, total_tokens: 340, input_token_details: { cache_read: 200, cache_creation: 0 } });
    expect(full!.id).toMatch(/^msg_/);
    expect(server.requests[0]!.body.stream).toBe(true);
  });

  it("sends tool calls as tool_use blocks and their results as tool_result blocks in one user turn", async () => {
    server.enqueue({ text: "Both noted." });
    await model()
      .bindTools(TEST_TOOLS)
      .invoke([
        ...say,
        new AIMessage({
          content: "",
          tool_calls: [
            { id: "call_a", name: "add_note", args: { content: "A" } },
            { id: "call_b", name: "add_note", args: { content: "B" } },
          ],
        }),
        new ToolMessage({ tool_call_id: "call_a", content: '{"id":"note_a"}' }),
        new ToolMessage({ tool_call_id: "call_b", content: "no such project", status: "error" }),
      ]);
    expect(server.requests[0]!.body.messages).toEqual([
      { role: "user", content: [{ type: "text", text: "Add note: Call ACME Friday 9am" }] },
      {
        role: "assistant",
        content: [
          { type: "tool_use", id: "call_a", name: "add_note", input: { content: "A" } },
          { type: "tool_use", id: "call_b", name: "add_note", input: { content: "B" } },
        ],
      },
      {
        role: "user",
        content: [
          { type: "tool_result", tool_use_id: "call_a", content: '{"id":"note_a"}' },
          { type: "tool_result", tool_use_id: "call_b", content: "no such project", is_error: true },
        ],
      },
    ]);
  });

  it("passes the sampling parameters through", async () => {
    server.enqueue({ text: "ok" });
    await model({ maxTokens: 64, temperature: 0.2, stop: ["END"] }).invoke(say);
    expect(server.requests[0]!.body).toMatchObject({ max_tokens: 64, temperature: 0.2, stop_sequences: ["END"] });
  });

  it("does not retry inside the SDK: one 529 is one request", async () => {
    server.enqueue({ status: 529 });
    await expect(model().invoke(say)).rejects.toMatchObject({ status: 529 });
    expect(server.requests).toHaveLength(1);
  });
});
