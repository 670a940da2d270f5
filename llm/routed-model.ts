import type { CallbackManagerForLLMRun } from "@langchain/core/callbacks/manager";
import type { BaseLanguageModelInput } from "@langchain/core/language_models/base";
import { BaseChatModel, type BaseChatModelCallOptions } from "@langchain/core/language_models/chat_models";
import { AIMessage, type AIMessageChunk, type BaseMessage } from "@langchain/core/messages";
import { ChatGenerationChunk, type ChatResult } from "@langchain/core/outputs";
import type { Runnable } from "@langchain/core/runnables";
import { concat } from "@langchain/core/utils/stream";
import type { Dispatcher, LlmContext, ModelCall, RouteInfo } from "./routing/dispatch.js";
import type { LlmToolDef } from "./types.js";

export interface RoutedCallOptions extends BaseChatModelCallOptions {
  tools?: LlmToolDef[];
  /** Business time (ISO), for the local provider. */
  now?: string;
  /** The tool used last in the thread, for the local provider. */
  lastTool?: string;
  /** Who asks (usage rows, budget, workspace keys) and any per-request provider, model, parameters. */
  llm?: LlmContext;
}

/** The router's report on a finished call, or undefined for a message that did not come through it. */
export function routeInfoOf(message: { response_metadata?: Record<string, unknown> } | undefined): RouteInfo | undefined {
  return message?.response_metadata?.flashfusion as RouteInfo | undefined;
}

const textOf = (chunk: AIMessageChunk) => (typeof chunk.content === "string" ? chunk.content : "");

/**
 * The chat model the graph uses: each call goes to the provider the router chooses for its
 * request, agent and workspace, with retries, fallback, budget and usage accounting. The last
 * chunk of a call carries the route (`response_metadata.flashfusion`: provider, model, cost).
 */
export class RoutedChatModel extends BaseChatModel<RoutedCallOptions, AIMessageChunk> {
  static override lc_name() {
    return "FlashFusionRouter";
  }

  constructor(private readonly dispatcher: Dispatcher) {
    super({});
  }

  _llmType(): string {
    return "flashfusion-router";
  }

  override bindTools(tools: LlmToolDef[], kwargs?: Partial<RoutedCallOptions>): Runnable<BaseLanguageModelInput, AIMessageChunk, RoutedCallOptions> {
    return this.withConfig({ tools, ...kwargs } as Partial<RoutedCallOptions>);
  }

  private callOf(messages: BaseMessage[], options: this["ParsedCallOptions"], streaming: boolean): ModelCall {
    const bind: Record<string, unknown> = {};
    if (options.now !== undefined) bind.now = options.now;
    if (options.lastTool !== undefined) bind.lastTool = options.lastTool;
    return { messages, tools: options.tools, bind, context: options.llm ?? {}, streaming, signal: options.signal };
  }

  async _generate(messages: BaseMessage[], options: this["ParsedCallOptions"]): Promise<ChatResult> {
    let full: AIMessageChunk | undefined;
    for await (const chunk of this.dispatcher.dispatch(this.callOf(messages, options, false))) full = full ? concat(full, chunk) : chunk;
    const message = new AIMessage({
      id: full?.id,
      content: full?.content ?? "",
      tool_calls: full?.tool_calls ?? [],
      additional_kwargs: full?.additional_kwargs ?? {},
      response_metadata: full?.response_metadata ?? {},
      usage_metadata: full?.usage_metadata,
    });
    return { generations: [{ text: full ? textOf(full) : "", message }] };
  }

  override async *_streamResponseChunks(
    messages: BaseMessage[],
    options: this["ParsedCallOptions"],
    runManager?: CallbackManagerForLLMRun,
  ): AsyncGenerator<ChatGenerationChunk> {
    for await (const chunk of this.dispatcher.dispatch(this.callOf(messages, options, true))) {
      const text = textOf(chunk);
      yield new ChatGenerationChunk({ text, message: chunk });
      if (text) await runManager?.handleLLMNewToken(text);
    }
  }
}
