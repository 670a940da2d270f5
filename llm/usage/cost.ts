import type { ModelPrice } from "./pricing.js";

/** Token counts of one call as the providers report them; `prompt_tokens` includes cached ones. */
export interface TokenUsage {
  prompt_tokens: number;
  completion_tokens: number;
  /** Prompt tokens read from the provider's cache. */
  cached_tokens: number;
  /** Prompt tokens written to the provider's cache. */
  cache_write_tokens: number;
}

export const NO_TOKENS: TokenUsage = { prompt_tokens: 0, completion_tokens: 0, cached_tokens: 0, cache_write_tokens: 0 };

/** $ per million tokens → nano-dollars per token (an integer for rates given to a thousandth). */
const nanoPerToken = (ratePerMillion: number) => Math.round(ratePerMillion * 1000);

/**
 * The cost in USD. Summed in integer nano-dollars and divided once, so the result is the
 * double nearest the exact decimal cost: 600 × $0.15 + 400 × $0.075 + 200 × $0.60 per million
 * is exactly 0.00024.
 */
export function costUsd(usage: TokenUsage, price: ModelPrice): number {
  const uncached = Math.max(0, usage.prompt_tokens - usage.cached_tokens - usage.cache_write_tokens);
  const nano =
    uncached * nanoPerToken(price.input) +
    usage.cached_tokens * nanoPerToken(price.cached_input ?? price.input) +
    usage.cache_write_tokens * nanoPerToken(price.cache_write ?? price.input) +
    usage.completion_tokens * nanoPerToken(price.output);
  return nano / 1e9;
}
