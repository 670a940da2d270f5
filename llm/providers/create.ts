import type { BaseChatModel } from "@langchain/core/language_models/chat_models";
import { AnthropicChatModel } from "./anthropic/model.js";
import { LocalChatModel } from "./local/model.js";
import type { ProviderName } from "./names.js";
import { OpenAIChatModel } from "./openai/model.js";
import type { ModelParams, ProviderConnection } from "./params.js";

/** What a provider model is built from: the provider and, for a remote one, where and as whom. */
export type ProviderSpec = { provider: "local" } | ({ provider: Exclude<ProviderName, "local"> } & ProviderConnection);

/** A chat model for one provider; every one binds `LlmToolDef[]` with `bindTools`. */
export function createProviderModel(spec: ProviderSpec, params: ModelParams = {}): BaseChatModel {
  switch (spec.provider) {
    case "local":
      return new LocalChatModel();
    case "openai":
      return new OpenAIChatModel(spec, params);
    case "anthropic":
      return new AnthropicChatModel(spec, params);
  }
}
