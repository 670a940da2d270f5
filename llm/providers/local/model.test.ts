import { HumanMessage } from "@langchain/core/messages";
import { describe, expect, it } from "vitest";
import { readLlmEnv } from "../../config.js";
import { createChatModel } from "../../index.js";
import { createLlmRouter } from "../../router.js";
import { LocalChatModel } from "./model.js";

/** Streams a reply that needs no tool (the local provider declines), timing each chunk. */
async function chunkTimes(model: { stream: LocalChatModel["stream"] }): Promise<{ texts: string[]; gaps: number[] }> {
  const texts: string[] = [];
  const times: number[] = [];
  for await (const chunk of await model.stream([new HumanMessage("What is the weather like in Paris tomorrow afternoon, roughly?")])) {
    const text = typeof chunk.content === "string" ? chunk.content : "";
    if (!text) continue;
    texts.push(text);
    times.push(performance.now());
  }
  return { texts, gaps: times.slice(1).map((t, i) => t - times[i]!) };
}

describe("local provider pacing (FLASHFUSION_LOCAL_TOKEN_DELAY_MS)", () => {
  it("streams the reply a few words at a time, at once by default", async () => {
    const { texts, gaps } = await chunkTimes(new LocalChatModel());
    expect(texts.length).toBeGreaterThanOrEqual(2);
    expect(Math.max(...gaps)).toBeLessThan(40);
  });

  it("pauses between chunks when asked, through the router and createChatModel as through the model", async () => {
    const direct = await chunkTimes(new LocalChatModel({ tokenDelayMs: 50 }));
    expect(Math.min(...direct.gaps)).toBeGreaterThanOrEqual(45);
    const routed = await chunkTimes(createLlmRouter({ env: { FLASHFUSION_LOCAL_TOKEN_DELAY_MS: "50" } }).model);
    expect(routed.texts.join("")).toBe(direct.texts.join(""));
    expect(Math.min(...routed.gaps)).toBeGreaterThanOrEqual(45);
    const made = await chunkTimes(createChatModel("local", { env: { FLASHFUSION_LOCAL_TOKEN_DELAY_MS: "50" } }) as LocalChatModel);
    expect(Math.min(...made.gaps)).toBeGreaterThanOrEqual(45);
  });

  it("reads the setting strictly", () => {
    expect(readLlmEnv({}).localTokenDelayMs).toBe(0);
    expect(readLlmEnv({ FLASHFUSION_LOCAL_TOKEN_DELAY_MS: " 120 " }).localTokenDelayMs).toBe(120);
    expect(() => readLlmEnv({ FLASHFUSION_LOCAL_TOKEN_DELAY_MS: "fast" })).toThrow(/whole milliseconds from 0 to 2000, not fast/);
    expect(() => readLlmEnv({ FLASHFUSION_LOCAL_TOKEN_DELAY_MS: "5000" })).toThrow(/not 5000/);
  });
});
