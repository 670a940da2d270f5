import { HumanMessage } from "@langchain/core/messages";
import { afterEach, describe, expect, it } from "vitest";
import { createChatModel, isLlmError, LocalChatModel, RoutedChatModel, routeInfoOf } from "./index.js";
import { startAnthropicStandIn } from "./testing/anthropic-server.js";
import type { StandIn } from "./testing/http.js";

let server: StandIn | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

describe("createChatModel", () => {
  it("still answers the local provider by default and for `local`", () => {
    expect(createChatModel()).toBeInstanceOf(LocalChatModel);
    expect(createChatModel("local")).toBeInstanceOf(LocalChatModel);
  });

  it("holds the router to one named provider (`claude` is Anthropic)", async () => {
    server = await startAnthropicStandIn();
    server.enqueue({ text: "hello from the stand-in" });
    const model = createChatModel("claude", { env: { ANTHROPIC_API_KEY: "sk-ant-test-000000000001", ANTHROPIC_BASE_URL: server.url, OPENAI_API_KEY: "sk-unused-0001" } });
    expect(model).toBeInstanceOf(RoutedChatModel);
    const reply = await model.invoke([new HumanMessage("hi")]);
    expect(reply.content).toBe("hello from the stand-in");
    expect(routeInfoOf(reply)).toMatchObject({ provider: "anthropic", model: "claude-haiku-4-5" });
  });

  it("refuses a provider it does not know", () => {
    let error: unknown;
    try {
      createChatModel("gemini");
    } catch (e) {
      error = e;
    }
    expect(isLlmError(error) && error.code).toBe("INVALID_REQUEST");
  });
});
