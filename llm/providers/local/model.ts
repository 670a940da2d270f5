import { BaseChatModel, type BaseChatModelCallOptions, type BaseChatModelParams } from "@langchain/core/language_models/chat_models";
import { AIMessage, AIMessageChunk, type BaseMessage, ToolMessage, HumanMessage } from "@langchain/core/messages";
import { ChatGenerationChunk, type ChatResult } from "@langchain/core/outputs";
import type { CallbackManagerForLLMRun } from "@langchain/core/callbacks/manager";
import type { Runnable } from "@langchain/core/runnables";
import type { BaseLanguageModelInput } from "@langchain/core/language_models/base";
import type { LlmToolDef } from "../../types.js";
import { decide, type Decision } from "./conversation.js";

export interface LocalCallOptions extends BaseChatModelCallOptions {
  tools?: LlmToolDef[];
  /** Business time, for "Friday 9am" (ISO). */
  now?: string;
  /** The tool used last in this thread: follow-ups ("And #57?") lean to it. */
  lastTool?: string;
}

export interface LocalChatModelOptions extends BaseChatModelParams {
  /** A pause between streamed reply chunks (ms), so clients see the reply grow; 0 by default. */
  tokenDelayMs?: number;
}

/**
 * The local provider: a deterministic natural-language front end with the chat-model
 * interface of OpenAI and Anthropic. It is not a language model and says so. It ranks the bound
 * tools against the command, fills their arguments with typed extractors, asks for what is
 * missing, and after the tool results writes the reply from each tool's own reply text.
 */
export class LocalChatModel extends BaseChatModel<LocalCallOptions, AIMessageChunk> {
  static override lc_name() {
    return "FlashFusionLocal";
  }

  private readonly tokenDelayMs: number;

  constructor(fields: LocalChatModelOptions = {}) {
    const { tokenDelayMs = 0, ...rest } = fields;
    super(rest);
    this.tokenDelayMs = tokenDelayMs;
  }

  _llmType(): string {
    return "flashfusion-local";
  }

  override bindTools(tools: LlmToolDef[], kwargs?: Partial<LocalCallOptions>): Runnable<BaseLanguageModelInput, AIMessageChunk, LocalCallOptions> {
    return this.withConfig({ tools, ...kwargs } as Partial<LocalCallOptions>);
  }

  private decideFor(messages: BaseMessage[], options: this["ParsedCallOptions"]): Decision {
    return decide(messages, options.tools ?? [], {
      now: options.now ? new Date(options.now) : new Date(),
      lastTool: options.lastTool,
    });
  }

  async _generate(messages: BaseMessage[], options: this["ParsedCallOptions"]): Promise<ChatResult> {
    const d = this.decideFor(messages, options);
    const message = new AIMessage({
      content: d.text,
      tool_calls: d.toolCalls.map((c) => ({ ...c, type: "tool_call" as const })),
      additional_kwargs: { ff: d.meta },
      usage_metadata: { input_tokens: 0, output_tokens: 0, total_tokens: 0 },
    });
    return { generations: [{ text: d.text, message }] };
  }

  override async *_streamResponseChunks(
    messages: BaseMessage[],
    options: this["ParsedCallOptions"],
    runManager?: CallbackManagerForLLMRun,
  ): AsyncGenerator<ChatGenerationChunk> {
    const d = this.decideFor(messages, options);
    yield new ChatGenerationChunk({
      text: "",
      message: new AIMessageChunk({
        content: "",
        additional_kwargs: { ff: d.meta },
        tool_call_chunks: d.toolCalls.map((c, index) => ({ name: c.name, args: JSON.stringify(c.args), id: c.id, index, type: "tool_call_chunk" as const })),
        usage_metadata: { input_tokens: 0, output_tokens: 0, total_tokens: 0 },
      }),
    });
    // The reply goes out a few words at a time, as a model's tokens would.
    const pieces = d.text.match(/\S+\s*/g) ?? [];
    for (let i = 0; i < pieces.length; i += 3) {
      if (i > 0 && this.tokenDelayMs > 0) await pause(this.tokenDelayMs, options.signal);
      const text = (i === 0 ? d.text.slice(0, d.text.length - d.text.trimStart().length) : "") + pieces.slice(i, i + 3).join("");
      await runManager?.handleLLMNewToken(text);
      yield new ChatGenerationChunk({ text, message: new AIMessageChunk({ content: text }) });
    }
  }
}

/** Waits `ms`, or less when the turn is aborted (the stream then stops at its next check). */
function pause(ms: number, signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve) => {
    if (signal?.aborted) return resolve();
    const done = () => {
      clearTimeout(timer);
      signal?.removeEventListener("abort", done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal?.addEventListener("abort", done, { once: true });
  });
}

export { AIMessage, ToolMessage, HumanMessage };
