import type Anthropic from "@anthropic-ai/sdk";
import { AIMessage, AIMessageChunk, type UsageMetadata } from "@langchain/core/messages";
import type { FinishReason } from "../finish-reason.js";

interface AnthropicUsage {
  input_tokens?: number | null;
  output_tokens?: number | null;
  cache_read_input_tokens?: number | null;
  cache_creation_input_tokens?: number | null;
}

/**
 * Anthropic counts cached prompt tokens apart from `input_tokens`; LangChain (and OpenAI)
 * count them inside. Normalised: `input_tokens` is the whole prompt, the cache in the details.
 */
export function usageOf(u: AnthropicUsage): UsageMetadata {
  const cacheRead = u.cache_read_input_tokens ?? 0;
  const cacheWrite = u.cache_creation_input_tokens ?? 0;
  const input = (u.input_tokens ?? 0) + cacheRead + cacheWrite;
  const output = u.output_tokens ?? 0;
  return {
    input_tokens: input,
    output_tokens: output,
    total_tokens: input + output,
    input_token_details: { cache_read: cacheRead, cache_creation: cacheWrite },
  };
}

const FINISH: Readonly<Record<string, FinishReason>> = {
  end_turn: "stop",
  stop_sequence: "stop",
  pause_turn: "stop",
  max_tokens: "length",
  model_context_window_exceeded: "length",
  tool_use: "tool_calls",
  refusal: "content_filter",
};

export function finishReasonOf(stop: string | null | undefined): FinishReason {
  return (stop && FINISH[stop]) || "stop";
}

/** A whole (non-streamed) answer as an AIMessage: text as the content, `tool_use` blocks as tool calls. */
export function toAIMessage(message: Anthropic.Message): AIMessage {
  let text = "";
  const toolCalls: { id: string; name: string; args: Record<string, unknown>; type: "tool_call" }[] = [];
  for (const block of message.content) {
    if (block.type === "text") text += block.text;
    else if (block.type === "tool_use") toolCalls.push({ id: block.id, name: block.name, args: (block.input ?? {}) as Record<string, unknown>, type: "tool_call" });
  }
  return new AIMessage({
    id: message.id,
    content: text,
    tool_calls: toolCalls,
    usage_metadata: usageOf(message.usage),
    response_metadata: {
      model_name: message.model,
      stop_reason: message.stop_reason,
      finish_reason: finishReasonOf(message.stop_reason),
    },
  });
}

/**
 * Turns the stream's events into LangChain chunks: text deltas as content, a `tool_use` block's
 * start and its `input_json_delta`s as tool-call chunks of one index (LangChain joins them), and
 * the usage once, when `message_delta` reports the final output count.
 */
export function streamConverter() {
  let id: string | undefined;
  let model: string | undefined;
  let inputUsage: AnthropicUsage = {};
  return (event: Anthropic.RawMessageStreamEvent): AIMessageChunk | undefined => {
    switch (event.type) {
      case "message_start":
        id = event.message.id;
        model = event.message.model;
        inputUsage = event.message.usage;
        return new AIMessageChunk({ id, content: "" });
      case "content_block_start":
        if (event.content_block.type === "tool_use") {
          const block = event.content_block;
          return new AIMessageChunk({ content: "", tool_call_chunks: [{ type: "tool_call_chunk", index: event.index, id: block.id, name: block.name, args: "" }] });
        }
        if (event.content_block.type === "text" && event.content_block.text) return new AIMessageChunk({ content: event.content_block.text });
        return undefined;
      case "content_block_delta":
        if (event.delta.type === "text_delta") return new AIMessageChunk({ content: event.delta.text });
        if (event.delta.type === "input_json_delta") {
          return new AIMessageChunk({ content: "", tool_call_chunks: [{ type: "tool_call_chunk", index: event.index, args: event.delta.partial_json }] });
        }
        return undefined;
      case "message_delta": {
        // Later API versions repeat the input counts here; they win when present.
        const u = event.usage;
        const usage = usageOf({
          input_tokens: u.input_tokens ?? inputUsage.input_tokens,
          cache_read_input_tokens: u.cache_read_input_tokens ?? inputUsage.cache_read_input_tokens,
          cache_creation_input_tokens: u.cache_creation_input_tokens ?? inputUsage.cache_creation_input_tokens,
          output_tokens: u.output_tokens,
        });
        return new AIMessageChunk({
          content: "",
          usage_metadata: usage,
          response_metadata: { model_name: model, stop_reason: event.delta.stop_reason, finish_reason: finishReasonOf(event.delta.stop_reason) },
        });
      }
      default:
        return undefined;
    }
  };
}
