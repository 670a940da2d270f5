import type { BaseMessage } from "@langchain/core/messages";
import type { LlmToolDef } from "../types.js";
import { costUsd } from "./cost.js";
import type { ModelPrice } from "./pricing.js";

/**
 * Tokenizers differ by provider; for a ceiling we count one token per three characters (English
 * averages about four, code and JSON about three) plus a few per message for the role markers.
 */
const CHARS_PER_TOKEN = 3;
const TOKENS_PER_MESSAGE = 4;

function charsOf(m: BaseMessage): number {
  const content = typeof m.content === "string" ? m.content : JSON.stringify(m.content);
  const calls = (m as { tool_calls?: unknown[] }).tool_calls;
  return content.length + (calls?.length ? JSON.stringify(calls).length : 0);
}

/** A generous estimate of a prompt's tokens from its length: messages and tool schemas. */
export function estimatePromptTokens(messages: readonly BaseMessage[], tools: readonly LlmToolDef[] = []): number {
  let chars = 0;
  for (const m of messages) chars += charsOf(m);
  for (const t of tools) chars += t.name.length + t.description.length + JSON.stringify(t.parameters).length;
  return Math.ceil(chars / CHARS_PER_TOKEN) + TOKENS_PER_MESSAGE * messages.length;
}

/** The most a call can cost: every prompt token uncached, and `maxTokens` of output. */
export function worstCaseCostUsd(promptTokens: number, maxTokens: number, price: ModelPrice): number {
  return costUsd({ prompt_tokens: promptTokens, completion_tokens: maxTokens, cached_tokens: 0, cache_write_tokens: 0 }, price);
}
