import Anthropic from "@anthropic-ai/sdk";
import type { CallbackManagerForLLMRun } from "@langchain/core/callbacks/manager";
import type { BaseLanguageModelInput } from "@langchain/core/language_models/base";
import { BaseChatModel, type BaseChatModelCallOptions } from "@langchain/core/language_models/chat_models";
import type { AIMessageChunk, BaseMessage } from "@langchain/core/messages";
import { ChatGenerationChunk, type ChatResult } from "@langchain/core/outputs";
import type { Runnable } from "@langchain/core/runnables";
import { abortError } from "../../errors.js";
import type { LlmToolDef } from "../../types.js";
import { DEFAULT_MAX_TOKENS, type ModelParams, type ProviderConnection } from "../params.js";
import { toAnthropicTool } from "../tool-schema.js";
import { toAnthropicMessages } from "./messages.js";
import { streamConverter, toAIMessage } from "./response.js";

export interface AnthropicCallOptions extends BaseChatModelCallOptions {
  tools?: LlmToolDef[];
}

/**
 * Anthropic's Messages API through the official SDK, as a LangChain chat model: the system
 * prompt travels apart, tools as `input_schema`, tool calls and results as `tool_use` /
 * `tool_result` blocks, streaming from the SDK's raw events. The SDK never retries: the
 * router's loop is the only one.
 */
export class AnthropicChatModel extends BaseChatModel<AnthropicCallOptions, AIMessageChunk> {
  static override lc_name() {
    return "FlashFusionAnthropic";
  }

  readonly model: string;
  private readonly params: ModelParams;
  private readonly client: Anthropic;

  constructor(connection: ProviderConnection, params: ModelParams = {}) {
    super({});
    this.model = connection.model;
    this.params = params;
    this.client = new Anthropic({
      apiKey: connection.apiKey,
      baseURL: connection.baseURL ?? "https://api.anthropic.com",
      maxRetries: 0,
      // An explicit timeout also stops the SDK refusing long non-streamed calls up front.
      timeout: connection.timeoutMs ?? 600_000,
    });
  }

  _llmType(): string {
    return "anthropic";
  }

  override bindTools(tools: LlmToolDef[], kwargs?: Partial<AnthropicCallOptions>): Runnable<BaseLanguageModelInput, AIMessageChunk, AnthropicCallOptions> {
    return this.withConfig({ tools, ...kwargs } as Partial<AnthropicCallOptions>);
  }

  private request(messages: BaseMessage[], options: this["ParsedCallOptions"]) {
    const { system, messages: turns } = toAnthropicMessages(messages);
    const stop = options.stop ?? this.params.stop;
    return {
      model: this.model,
      max_tokens: this.params.maxTokens ?? DEFAULT_MAX_TOKENS,
      messages: turns,
      ...(system ? { system } : {}),
      ...(options.tools?.length ? { tools: options.tools.map(toAnthropicTool) as Anthropic.Tool[] } : {}),
      ...(this.params.temperature !== undefined ? { temperature: this.params.temperature } : {}),
      ...(this.params.topP !== undefined ? { top_p: this.params.topP } : {}),
      ...(stop?.length ? { stop_sequences: stop } : {}),
    };
  }

  async _generate(messages: BaseMessage[], options: this["ParsedCallOptions"]): Promise<ChatResult> {
    const message = await this.client.messages.create({ ...this.request(messages, options), stream: false }, { signal: options.signal });
    const ai = toAIMessage(message);
    return { generations: [{ text: typeof ai.content === "string" ? ai.content : "", message: ai }] };
  }

  override async *_streamResponseChunks(
    messages: BaseMessage[],
    options: this["ParsedCallOptions"],
    runManager?: CallbackManagerForLLMRun,
  ): AsyncGenerator<ChatGenerationChunk> {
    const stream = await this.client.messages.create({ ...this.request(messages, options), stream: true }, { signal: options.signal });
    const convert = streamConverter();
    for await (const event of stream) {
      const chunk = convert(event);
      if (!chunk) continue;
      const text = typeof chunk.content === "string" ? chunk.content : "";
      yield new ChatGenerationChunk({ text, message: chunk });
      if (text) await runManager?.handleLLMNewToken(text);
    }
    // The SDK ends an aborted stream quietly; the caller must hear it was cut short.
    if (options.signal?.aborted) throw abortError(options.signal);
  }
}
