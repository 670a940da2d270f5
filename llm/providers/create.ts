import type { BaseChatModel } from "@langchain/core/language_models/chat_models";
import { AnthropicChatModel } from "./anthropic/model.js";
import { LocalChatModel, type LocalChatModelOptions } from "./local/model.js";
import type { ProviderName } from "./names.js";
import { OpenAIChatModel } from "./openai/model.js";
import type { ModelParams, ProviderConnection } from "./params.js";
import { toOpenAITool } from "./tool-schema.js";
import type { LlmToolDef } from "../types.js";

/** What a provider model is built from: the provider and, for a remote one, where and as whom. */
export type ProviderSpec = ({ provider: "local" } & LocalChatModelOptions) | ({ provider: Exclude<ProviderName, "local"> } & ProviderConnection);

/** A chat model for one provider; every one binds `LlmToolDef[]` with `bindTools`. */
export function createProviderModel(spec: ProviderSpec, params: ModelParams = {}): BaseChatModel {
  switch (spec.provider) {
    case "local":
      return new LocalChatModel({ tokenDelayMs: spec.tokenDelayMs });
    case "openai":
      return new OpenAIChatModel(spec, params);
    case "anthropic":
      return new AnthropicChatModel(spec, params);
  }
}

/**
 * Our tools in the call options each provider's model reads: OpenAI's as function tools, the
 * others' as they are (the local provider indexes a toolset once per array, so it gets the same one).
 */
export function toolCallOptions(provider: ProviderName, tools: LlmToolDef[] | undefined): { tools?: unknown[] } {
  if (!tools) return {};
  return { tools: provider === "openai" ? tools.map(toOpenAITool) : tools };
}
