import { describe, expect, it } from "vitest";
import { costUsd } from "./cost.js";
import { estimatePromptTokens, worstCaseCostUsd } from "./estimate.js";
import { loadPricing, parsePricing, priceOf } from "./pricing.js";
import { HumanMessage, SystemMessage } from "@langchain/core/messages";

const table = loadPricing();

describe("pricing", () => {
  it("is a versioned table kept as data", () => {
    expect(table.version).toBe("2025-11-01");
    expect(priceOf(table, "openai", "gpt-4o-mini")).toEqual({ input: 0.15, cached_input: 0.075, output: 0.6 });
    expect(priceOf(table, "local", "flashfusion-local")).toEqual({ input: 0, output: 0 });
  });

  it("prices dated snapshots at their base model and knows nothing of other models", () => {
    expect(priceOf(table, "anthropic", "claude-sonnet-4-5-20250929")).toBe(priceOf(table, "anthropic", "claude-sonnet-4-5"));
    expect(priceOf(table, "openai", "gpt-4o-2024-08-06")).toBe(priceOf(table, "openai", "gpt-4o"));
    expect(priceOf(table, "openai", "gpt-9")).toBeUndefined();
    expect(priceOf(table, "anthropic", "gpt-4o")).toBeUndefined();
  });

  it("refuses rates finer than a thousandth of a dollar per million tokens", () => {
    const bad = { version: "x", currency: "USD", unit: "per_million_tokens", models: { openai: { m: { input: 0.0001, output: 1 } } } };
    expect(() => parsePricing(bad)).toThrow(/three decimals/);
  });
});

describe("costUsd", () => {
  const mini = priceOf(table, "openai", "gpt-4o-mini")!;
  const sonnet = priceOf(table, "anthropic", "claude-sonnet-4-5")!;

  it("prices uncached input, output, cache reads and cache writes each at its rate, exactly", () => {
    expect(costUsd({ prompt_tokens: 1000, completion_tokens: 200, cached_tokens: 0, cache_write_tokens: 0 }, mini)).toBe(0.00027);
    expect(costUsd({ prompt_tokens: 1000, completion_tokens: 200, cached_tokens: 400, cache_write_tokens: 0 }, mini)).toBe(0.00024);
    expect(costUsd({ prompt_tokens: 10_000, completion_tokens: 500, cached_tokens: 6000, cache_write_tokens: 2000 }, sonnet)).toBe(0.0228);
    expect(costUsd({ prompt_tokens: 3, completion_tokens: 0, cached_tokens: 0, cache_write_tokens: 0 }, mini)).toBe(4.5e-7);
  });

  it("prices cached tokens at the input rate when the model has no cached rate", () => {
    expect(costUsd({ prompt_tokens: 100, completion_tokens: 0, cached_tokens: 100, cache_write_tokens: 0 }, { input: 1, output: 2 })).toBe(0.0001);
  });
});

describe("the worst-case estimate", () => {
  it("counts a token per three characters plus each message's markers, and all of max_tokens at the output rate", () => {
    const tokens = estimatePromptTokens([new SystemMessage("x".repeat(30)), new HumanMessage("y".repeat(31))]);
    expect(tokens).toBe(21 + 8);
    expect(worstCaseCostUsd(tokens, 1000, { input: 1, output: 10 })).toBe(0.010029);
  });
});
