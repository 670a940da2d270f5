import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createTestbed, type Testbed } from "./testing/testbed.js";

let bed: Testbed;
beforeEach(async () => {
  bed = await createTestbed();
});
afterEach(() => bed.close());

const request = {
  model: "gpt-4o-mini",
  prompt: "Summarise our Q3 launch in one line.",
  system_prompt: "You are terse.",
  history: [
    { role: "user", content: "We launched Apollo in Q3." },
    { role: "assistant", content: "Noted." },
  ],
  parameters: { max_tokens: 100, temperature: 0.3, top_p: 0.9, stop_sequences: ["\n\n"], presence_penalty: 0.1 },
  user_id: "usr_ada",
  workspace_id: "ws_a",
  request_id: "req-7c1e",
};

describe("orchestrate(): the §1.3 contract", () => {
  it("answers exactly the success shape, from OpenAI", async () => {
    bed.openai.enqueue({ id: "chatcmpl-42", text: "Apollo shipped in Q3.", usage: { prompt_tokens: 31, completion_tokens: 6, cached_tokens: 0 } });
    const answer = await bed.router().orchestrate({ ...request, provider: "openai" });
    expect(answer).toEqual({
      status: "success",
      request_id: "req-7c1e",
      provider_response: {
        id: "chatcmpl-42",
        choices: [{ message: { role: "assistant", content: "Apollo shipped in Q3." }, finish_reason: "stop" }],
        usage: { prompt_tokens: 31, completion_tokens: 6, total_tokens: 37 },
      },
    });
    const sent = bed.openai.requests[0]!;
    expect(sent.stream).toBe(false);
    expect(sent.messages).toEqual([
      { role: "system", text: "You are terse." },
      { role: "user", text: "We launched Apollo in Q3." },
      { role: "assistant", text: "Noted.", toolCalls: [] },
      { role: "user", text: "Summarise our Q3 launch in one line." },
    ]);
    expect(sent.body).toMatchObject({ model: "gpt-4o-mini", max_tokens: 100, temperature: 0.3, top_p: 0.9, stop: ["\n\n"] });
    const [row] = await bed.store("ws_a").find("LlmUsage");
    expect(row).toMatchObject({ request_id: "req-7c1e", user_id: "usr_ada", provider: "openai", prompt_tokens: 31, completion_tokens: 6, status: "success" });
  });

  it("takes `claude` for Anthropic, with the system prompt apart and the finish reason in OpenAI's words", async () => {
    bed.anthropic.enqueue({ id: "msg_01", text: "Apollo, Q3.", finishReason: "length", usage: { prompt_tokens: 40, completion_tokens: 4, cached_tokens: 10 } });
    const answer = await bed.router().orchestrate({ ...request, provider: "claude", model: "claude-haiku-4-5" });
    expect(answer).toEqual({
      status: "success",
      request_id: "req-7c1e",
      provider_response: {
        id: "msg_01",
        choices: [{ message: { role: "assistant", content: "Apollo, Q3." }, finish_reason: "length" }],
        usage: { prompt_tokens: 40, completion_tokens: 4, total_tokens: 44 },
      },
    });
    expect(bed.anthropic.requests[0]!.body).toMatchObject({ model: "claude-haiku-4-5", system: "You are terse.", max_tokens: 100, stop_sequences: ["\n\n"] });
  });

  it("lets the router choose when no provider is named, and answers locally without keys", async () => {
    const answer = await bed.router({ env: {} }).orchestrate({ prompt: "Hello", user_id: "u", workspace_id: "ws_a", request_id: "1" });
    expect(answer).toMatchObject({ status: "success", request_id: "1", provider_response: { choices: [{ message: { role: "assistant" }, finish_reason: "stop" }] } });
    expect(bed.openai.requests).toHaveLength(0);
  });

  it.each([
    [{ ...request, provider: "gemini" }, "The request is not valid: provider: must be openai, anthropic (or claude) or local"],
    [{ ...request, prompt: "" }, "The request is not valid: prompt: may not be empty"],
    [{ ...request, parameters: { temperature: 3 } }, "The request is not valid: parameters.temperature: Too big: expected number to be <=2"],
    [{ ...request, workspace_id: undefined }, "The request is not valid: workspace_id: Invalid input: expected string, received undefined"],
  ])("answers INVALID_REQUEST for a malformed request (%#)", async (bad, message) => {
    expect(await bed.router().orchestrate(bad)).toEqual({ status: "error", request_id: "req-7c1e", error: { code: "INVALID_REQUEST", message } });
    expect(bed.openai.requests).toHaveLength(0);
  });

  it("answers INVALID_REQUEST with a null request_id when the request has none", async () => {
    expect(await bed.router().orchestrate("not an object")).toMatchObject({ status: "error", request_id: null, error: { code: "INVALID_REQUEST" } });
  });

  it("answers INVALID_REQUEST for a workspace that does not exist", async () => {
    expect(await bed.router().orchestrate({ ...request, workspace_id: "ws_nowhere" })).toEqual({
      status: "error",
      request_id: "req-7c1e",
      error: { code: "INVALID_REQUEST", message: "workspace ws_nowhere not found" },
    });
  });

  it("answers QUOTA_EXCEEDED when the workspace budget cannot cover the worst case", async () => {
    await bed.store("ws_a").update("Workspace", "ws_a", { llm_budget_usd: 0.0001 });
    const answer = await bed.router().orchestrate({ ...request, model: "gpt-4o", parameters: { max_tokens: 1000 } });
    expect(answer).toMatchObject({ status: "error", request_id: "req-7c1e", error: { code: "QUOTA_EXCEEDED" } });
    expect(Object.keys((answer as { error: object }).error)).toEqual(["code", "message"]);
    expect(bed.openai.requests).toHaveLength(0);
  });

  it("answers PROVIDER_API_ERROR with the provider's own error when every provider failed", async () => {
    bed.openai.enqueue({ status: 400, error: { message: "max_tokens is too large", type: "invalid_request_error", code: "invalid_value" } });
    const answer = await bed.router({ fallback: [] }).orchestrate(request);
    expect(answer).toEqual({
      status: "error",
      request_id: "req-7c1e",
      error: {
        code: "PROVIDER_API_ERROR",
        message: "No model provider could answer: openai (gpt-4o-mini) answered 400.",
        provider_error: {
          provider: "openai",
          status: 400,
          error: { message: "max_tokens is too large", type: "invalid_request_error", param: null, code: "invalid_value" },
        },
      },
    });
  });
});
