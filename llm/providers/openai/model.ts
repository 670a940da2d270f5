import type { BaseLanguageModelInput } from "@langchain/core/language_models/base";
import type { AIMessageChunk } from "@langchain/core/messages";
import type { Runnable } from "@langchain/core/runnables";
import { ChatOpenAICompletions, type ChatOpenAICompletionsCallOptions } from "@langchain/openai";
import type { LlmToolDef } from "../../types.js";
import { DEFAULT_MAX_TOKENS, type ModelParams, type ProviderConnection } from "../params.js";
import { toOpenAITool } from "../tool-schema.js";

type OpenAIToolInput = Parameters<ChatOpenAICompletions["bindTools"]>[0][number];

const isLlmToolDef = (t: unknown): t is LlmToolDef =>
  typeof t === "object" && t !== null && "name" in t && "parameters" in t && !("type" in t) && !("schema" in t);

/**
 * OpenAI Chat Completions through LangChain's client. Always the Completions API (the
 * Responses API is another wire protocol), tools bound as `LlmToolDef`s become function tools
 * without our hint keys, streamed calls report usage in their last chunk, and the SDK never
 * retries: the router's loop is the only one.
 */
export class OpenAIChatModel extends ChatOpenAICompletions {
  static override lc_name() {
    return "FlashFusionOpenAI";
  }

  constructor(connection: ProviderConnection, params: ModelParams = {}) {
    super({
      model: connection.model,
      apiKey: connection.apiKey,
      configuration: connection.baseURL ? { baseURL: connection.baseURL } : undefined,
      maxRetries: 0,
      timeout: connection.timeoutMs,
      streamUsage: true,
      maxTokens: params.maxTokens ?? DEFAULT_MAX_TOKENS,
      temperature: params.temperature,
      topP: params.topP,
      stop: params.stop,
    });
  }

  override bindTools(
    tools: (LlmToolDef | OpenAIToolInput)[],
    kwargs?: Partial<ChatOpenAICompletionsCallOptions>,
  ): Runnable<BaseLanguageModelInput, AIMessageChunk, ChatOpenAICompletionsCallOptions> {
    return super.bindTools(
      tools.map((t) => (isLlmToolDef(t) ? toOpenAITool(t) : t)),
      kwargs,
    );
  }
}
